import type { SourceOptions } from "@mobilenetv1/core";
import type { LoadProgress, ModelSettings } from "./load-classifier.js";

/**
 * The hub options of one model load (Classify's classifier or Teach's backbone): the chosen endpoint and
 * revision, and download progress summed over the model's files, with a total only once every file's
 * size is known (a bar that jumps back as new files appear would mislead).
 *
 * @example
 * const { source, downloadedBytes } = hubSourceOptions({ settings, onProgress: (p) => console.log(p.loaded) });
 * source.revision // "main"; after the load, downloadedBytes() // 10_484_211
 */
export function hubSourceOptions(params: {
  settings: ModelSettings;
  onProgress?: (progress: LoadProgress) => void;
}): { source: SourceOptions; downloadedBytes: () => number } {
  const files = new Map<string, { loaded: number; total: number | undefined }>();
  const source: SourceOptions = {
    hubUrl: params.settings.hubUrl,
    revision: params.settings.revision,
    progress: (event) => {
      files.set(event.file, { loaded: event.loaded, total: event.total });
      const all = [...files.values()];
      const total = all.every((f) => f.total !== undefined)
        ? all.reduce((sum, f) => sum + f.total!, 0)
        : undefined;
      params.onProgress?.({ loaded: all.reduce((sum, f) => sum + f.loaded, 0), total, file: event.file });
    },
  };
  return { source, downloadedBytes: () => [...files.values()].reduce((sum, f) => sum + f.loaded, 0) };
}
