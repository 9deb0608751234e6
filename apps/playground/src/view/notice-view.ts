/** Something the user should know that is not a failure: the page worked around a problem. */
export interface Notice {
  readonly title: string;
  readonly text: string;
  /** The SDK's own message, under "Details". */
  readonly detail?: string;
}

/** Shows a notice in the result panel's status region (read politely by screen readers), or hides it. */
export function renderNotice(region: HTMLElement, notice: Notice | undefined): void {
  region.hidden = !notice;
  if (!notice) {
    region.replaceChildren();
    return;
  }
  const title = document.createElement("strong");
  title.textContent = notice.title;
  const text = document.createElement("p");
  text.textContent = notice.text;
  region.replaceChildren(title, text);
  if (notice.detail) {
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Details";
    const detail = document.createElement("p");
    detail.textContent = notice.detail;
    details.append(summary, detail);
    region.append(details);
  }
}
