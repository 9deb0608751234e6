import type { TeachMode } from "./teach-view.js";

/** The page's two modes; Teach is linkable as `#teach`. */
export type PageMode = "classify" | "teach";

const TEACH_HASH = "#teach";

/**
 * Wires the "Classify | Teach" buttons (`aria-pressed` on the current one): shows one mode's root and
 * hides the other's, and keeps the address bar's hash in step so a link or reload opens the same mode.
 * `leaveClassify` runs when Teach is opened (Classify's webcam stops: one camera user at a time).
 *
 * @example
 * const mode = wireModeSwitch({ classifyButton, teachButton, classifyRoot, teach, leaveClassify: stopCamera, enterClassify: load });
 * mode.current() // "classify"
 */
export function wireModeSwitch(params: {
  classifyButton: HTMLButtonElement;
  teachButton: HTMLButtonElement;
  classifyRoot: HTMLElement;
  teach: TeachMode;
  leaveClassify: () => void;
  /** Runs when Classify is opened again (it loads its model if it has not yet). */
  enterClassify: () => void;
}): { current(): PageMode } {
  const { classifyButton, teachButton, classifyRoot, teach } = params;
  let mode: PageMode = "classify";
  const set = (next: PageMode) => {
    mode = next;
    classifyButton.setAttribute("aria-pressed", String(next === "classify"));
    teachButton.setAttribute("aria-pressed", String(next === "teach"));
    classifyRoot.hidden = next !== "classify";
    if (next === "teach") {
      params.leaveClassify();
      teach.show();
    } else {
      teach.hide();
      params.enterClassify();
    }
    const url = new URL(location.href);
    url.hash = next === "teach" ? TEACH_HASH : "";
    history.replaceState(null, "", url);
  };
  classifyButton.addEventListener("click", () => set("classify"));
  teachButton.addEventListener("click", () => set("teach"));
  if (location.hash === TEACH_HASH) set("teach");
  return { current: () => mode };
}
