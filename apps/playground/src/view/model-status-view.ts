import { defaultNumThreads } from "@mobilenetv1/backend-web";
import type { LoadedClassifier } from "../model/load-classifier.js";
import { type DownloadProgress, describeDownloads } from "./download-progress.js";
import type { PageElements } from "./page-elements.js";
import { formatMs } from "./predictions-view.js";

/** What the model panel says: loading (with download progress), loaded, or failed (maybe keeping another model). */
export type ModelStatus =
  | { state: "loading"; modelId: string; progress?: DownloadProgress }
  | { state: "loaded"; classifier: LoadedClassifier }
  | { state: "failed"; modelId: string; title: string; kept?: LoadedClassifier };

/**
 * Which device actually ran: "wasm · 4 threads", "WebGPU · NVIDIA GeForce RTX 3060", or with Auto
 * "auto → wasm · 1 thread"; and why wasm runs on one thread when the page is not cross-origin isolated
 * ("wasm · 1 thread — host lacks cross-origin isolation": wasm threads need SharedArrayBuffer, which
 * needs the COOP/COEP headers; see the README's Hosting section).
 *
 * @example
 * describeDevice({ deviceChoice: "webgpu", backend: { device: "webgpu" }, gpuAdapter: { name: "apple metal-3", software: false } })
 * // "WebGPU · apple metal-3"
 */
export function describeDevice(
  classifier: Pick<LoadedClassifier, "deviceChoice" | "gpuAdapter"> & {
    backend: Pick<LoadedClassifier["backend"], "device">;
  },
  env: {
    /** @default defaultNumThreads() */
    threads?: number;
    /** @default globalThis.crossOriginIsolated */
    isolated?: boolean;
  } = {},
): string {
  const device = classifier.backend.device;
  const n = env.threads ?? defaultNumThreads();
  const isolated =
    env.isolated ?? (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const ran =
    device === "webgpu"
      ? `WebGPU · ${classifier.gpuAdapter?.name ?? "unknown adapter"}`
      : device === "wasm"
        ? `wasm · ${n} thread${n > 1 ? "s" : ""}${isolated ? "" : " — host lacks cross-origin isolation"}`
        : "not started";
  return (classifier.deviceChoice === "auto" ? "auto → " : "") + ran;
}

/**
 * Renders the model status. The status line is a live region, so it only changes on a state change;
 * byte counts go to a separate line and the progress bar, which screen readers are not interrupted by.
 */
export function renderModelStatus(ui: PageElements, status: ModelStatus): void {
  ui.modelStatus.dataset.state = status.state;
  // The same progress is drawn twice: in the model panel, and in the result panel under "Classifying…",
  // where the user looks after choosing an image (on a phone the model panel is a screen further down).
  const bars = [ui.modelProgress, ui.resultProgress];
  const bytes = ui.modelProgressText;
  if (status.state === "loading") {
    const text = `Loading ${status.modelId}…`;
    if (ui.modelStatusText.textContent !== text) ui.modelStatusText.textContent = text;
    const shown = describeDownloads(status.progress);
    bytes.hidden = !shown;
    for (const bar of bars) {
      bar.hidden = false;
      if (shown?.total) {
        bar.max = shown.total;
        bar.value = shown.loaded;
      } else {
        bar.removeAttribute("value"); // indeterminate until sizes are known
      }
    }
    if (shown) bytes.textContent = shown.text;
    return;
  }
  for (const bar of bars) bar.hidden = true;
  bytes.hidden = true;
  if (status.state === "failed") {
    const kept = status.kept;
    ui.modelStatusText.textContent =
      `Could not load ${status.modelId}: ${status.title}.` +
      (kept ? ` Still using ${kept.settings.modelId} on ${describeDevice(kept)}.` : "");
    return;
  }
  const c = status.classifier;
  const labels = Object.keys(c.model.config.id2label).length;
  ui.modelStatusText.textContent =
    `Loaded ${c.settings.modelId} (${labels} labels) on ${describeDevice(c)} in ` +
    formatMs(c.timings.totalMs) +
    (c.processorNote ? `. Note: ${c.processorNote}.` : ".");
}
