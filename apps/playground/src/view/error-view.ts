import type { ErrorDescription } from "./describe-error.js";

/** Shows an error in the page's alert region (announced by screen readers), or hides it. */
export function renderError(region: HTMLElement, error: ErrorDescription | undefined): void {
  region.hidden = !error;
  if (!error) {
    region.replaceChildren();
    return;
  }
  const title = document.createElement("strong");
  title.textContent = error.title;
  const advice = document.createElement("p");
  advice.textContent = error.advice;
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "Details";
  const detail = document.createElement("p");
  detail.className = "error-detail";
  detail.textContent = error.detail;
  details.append(summary, detail);
  region.replaceChildren(title, advice, details);
}
