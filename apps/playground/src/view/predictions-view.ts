import type { Prediction } from "@mobilenetv1/core";

/** A probability as the page shows it: a percentage with two decimals ("79.19%"). */
export function formatPercent(score: number): string {
  return `${(score * 100).toFixed(2)}%`;
}

/** A duration in ms, with more digits when short. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A byte count in MB or kB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/**
 * Renders the top labels as a list with probability bars. Each item carries `data-label` and
 * `data-score` (full precision) for tests; the bar is decorative, the percentage is the text.
 */
export function renderPredictions(list: HTMLOListElement, predictions: readonly Prediction[]): void {
  list.replaceChildren(
    ...predictions.map((p) => {
      const item = document.createElement("li");
      item.className = "prediction";
      item.dataset.label = p.label;
      item.dataset.score = String(p.score);
      item.dataset.index = String(p.index);
      const row = document.createElement("div");
      row.className = "row";
      const label = document.createElement("span");
      label.className = "label";
      label.textContent = p.label;
      const score = document.createElement("span");
      score.className = "score";
      score.textContent = formatPercent(p.score);
      row.append(label, score);
      const bar = document.createElement("div");
      bar.className = "bar";
      bar.setAttribute("aria-hidden", "true");
      const fill = document.createElement("div");
      fill.className = "fill";
      fill.style.width = `${Math.max(0.5, p.score * 100)}%`;
      bar.append(fill);
      item.append(row, bar);
      return item;
    }),
  );
}

/** Renders `[term, value]` rows into a description list. */
export function renderTimings(list: HTMLDListElement, rows: readonly (readonly [string, string])[]): void {
  list.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}
