/**
 * Creates an element with properties and children: Teach mode builds its panels in code, so the page's
 * index.html stays Classify's.
 *
 * @example
 * el("button", { type: "button", textContent: "Train" }) // <button type="button">Train</button>
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(element, props);
  element.append(...children);
  return element;
}
