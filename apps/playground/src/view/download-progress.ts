import type { LoadProgress } from "../model/load-classifier.js";
import type { RuntimeProgress } from "../runtime/runtime-download.js";

/** What is downloading while a model loads: the runtime's .wasm (first use of a build) and the model's files. */
export interface DownloadProgress {
  runtime?: RuntimeProgress;
  model?: LoadProgress;
}

/** MB with one decimal, as the progress line shows every amount ("3.7 MB"). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * The progress line and one combined bar for both downloads: "Runtime 1.2 of 14.2 MB · Model 3.4 of
 * 10.3 MB (model.safetensors)". The bar's total is known once both totals are (the runtime's always is;
 * the model's once the hub has sent every file's size); `undefined` when nothing is downloading.
 *
 * @example
 * describeDownloads({ runtime: { file: "ort-wasm-simd-threaded.wasm", loaded: 1.2e6, total: 14.2e6 } })
 * // { text: "Runtime 1.2 of 14.2 MB", loaded: 1200000, total: 14200000 }
 */
export function describeDownloads(
  progress: DownloadProgress | undefined,
): { text: string; loaded: number; total: number | undefined } | undefined {
  const { runtime, model } = progress ?? {};
  if (!runtime && !model) return undefined;
  const parts: string[] = [];
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  if (runtime) parts.push(`Runtime ${mb(runtime.loaded)} of ${formatMegabytes(runtime.total)}`);
  if (model) {
    const amount =
      model.total === undefined
        ? formatMegabytes(model.loaded)
        : `${mb(model.loaded)} of ${formatMegabytes(model.total)}`;
    parts.push(`Model ${amount} (${model.file})`);
  }
  const modelTotal = model ? model.total : 0;
  return {
    text: parts.join(" · "),
    loaded: (runtime?.loaded ?? 0) + (model?.loaded ?? 0),
    total: modelTotal === undefined ? undefined : (runtime?.total ?? 0) + modelTotal,
  };
}
