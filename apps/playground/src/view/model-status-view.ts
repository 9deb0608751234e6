import { defaultNumThreads } from "@mobilenetv1/backend-web";
import type { LoadedClassifier } from "../model/load-classifier.js";
import { type DownloadProgress, describeDownloads } from "./download-progress.js";
import type { PageElements } from "./page-elements.js";
import { formatMs } from "./predictions-view.js";

/** What the model panel says: loading (with download progress), loaded, or failed. */
export type ModelStatus =
  | { state: "loading"; modelId: string; progress?: DownloadProgress }
  | { state: "loaded"; classifier: LoadedClassifier }
  | { state: "failed"; modelId: string; title: string };

/**
 * "wasm · 4 threads", "webgpu", or "auto → wasm · 1 thread — host lacks cross-origin isolation": which
 * device actually ran, and why wasm runs on one thread when the page is not cross-origin isolated (wasm
 * threads need SharedArrayBuffer, which needs the COOP/COEP headers; see the README's Hosting section).
 */
export function describeDevice(classifier: LoadedClassifier): string {
  const device = classifier.backend.device ?? "not started";
  const n = defaultNumThreads();
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const threads =
    device !== "wasm"
      ? ""
      : ` · ${n} thread${n > 1 ? "s" : ""}${isolated ? "" : " — host lacks cross-origin isolation"}`;
  return (classifier.deviceChoice === "auto" ? "auto → " : "") + device + threads;
}

/**
 * Renders the model status. The status line is a live region, so it only changes on a state change;
 * byte counts go to a separate line and the progress bar, which screen readers are not interrupted by.
 */
export function renderModelStatus(ui: PageElements, status: ModelStatus): void {
  ui.modelStatus.dataset.state = status.state;
  const bar = ui.modelProgress;
  const bytes = ui.modelProgressText;
  if (status.state === "loading") {
    const text = `Loading ${status.modelId}…`;
    if (ui.modelStatusText.textContent !== text) ui.modelStatusText.textContent = text;
    const shown = describeDownloads(status.progress);
    bar.hidden = false;
    bytes.hidden = !shown;
    if (shown?.total) {
      bar.max = shown.total;
      bar.value = shown.loaded;
    } else {
      bar.removeAttribute("value"); // indeterminate until sizes are known
    }
    if (shown) bytes.textContent = shown.text;
    return;
  }
  bar.hidden = true;
  bytes.hidden = true;
  if (status.state === "failed") {
    ui.modelStatusText.textContent = `Could not load ${status.modelId}: ${status.title}.`;
    return;
  }
  const c = status.classifier;
  const labels = Object.keys(c.model.config.id2label).length;
  ui.modelStatusText.textContent =
    `Loaded ${c.settings.modelId} (${labels} labels) on ${describeDevice(c)} in ` +
    formatMs(c.timings.totalMs) +
    (c.processorNote ? `. Note: ${c.processorNote}.` : ".");
}
