import { defaultNumThreads } from "@mobilenetv1/backend-web";
import type { LoadedClassifier, LoadProgress } from "../model/load-classifier.js";
import type { PageElements } from "./page-elements.js";
import { formatBytes, formatMs } from "./predictions-view.js";

/** What the model panel says: loading (with download progress), loaded, or failed. */
export type ModelStatus =
  | { state: "loading"; modelId: string; progress?: LoadProgress }
  | { state: "loaded"; classifier: LoadedClassifier }
  | { state: "failed"; modelId: string; title: string };

/** "wasm · 4 threads", "webgpu", or "auto → wasm · 1 thread": which device actually ran. */
export function describeDevice(classifier: LoadedClassifier): string {
  const device = classifier.backend.device ?? "not started";
  const threads =
    device === "wasm" ? ` · ${defaultNumThreads()} thread${defaultNumThreads() > 1 ? "s" : ""}` : "";
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
    const p = status.progress;
    bar.hidden = false;
    bytes.hidden = !p;
    if (p?.total) {
      bar.max = p.total;
      bar.value = p.loaded;
      bytes.textContent = `${formatBytes(p.loaded)} of ${formatBytes(p.total)} · ${p.file}`;
    } else {
      bar.removeAttribute("value"); // indeterminate until sizes are known
    }
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
    formatMs(c.timings.runtimeMs + c.timings.downloadMs + c.timings.sessionMs) +
    (c.processorNote ? `. Note: ${c.processorNote}.` : ".");
}
