import { type ImageFeatureExtractionPipeline, pipeline } from "@mobilenetv1/pipeline";
import { hubSourceOptions } from "../model/hub-source-options.js";
import type { LoadProgress, ModelSettings } from "../model/load-classifier.js";
import { backendFor } from "../model/web-backends.js";

/** The same model choice as Classify mode, as one string: embeddings are kept per backbone. */
export function teachModelKey(settings: ModelSettings): string {
  return JSON.stringify([settings.modelId, settings.hubUrl, settings.revision]);
}

/**
 * Loads the chosen checkpoint's backbone (without its classifier) and image processor as an
 * "image-feature-extraction" pipeline, on the chosen device. The files come from the same place as Classify
 * mode's (the hub through Cache Storage, or a `local:` folder), so a model Classify already loaded is
 * not downloaded again.
 *
 * @example
 * const extractor = await loadTeachExtractor({ settings });
 * (await extractor(canvas, { pool: true })).dims // [1, 256] for a 0.25 checkpoint
 */
export async function loadTeachExtractor(params: {
  settings: ModelSettings;
  onProgress?: (progress: LoadProgress) => void;
}): Promise<ImageFeatureExtractionPipeline> {
  const { settings } = params;
  const { source } = hubSourceOptions({ settings, onProgress: params.onProgress });
  const { backend } = await backendFor(settings.device);
  await backend.init(); // fails fast, before any download, when the device cannot run
  return pipeline("image-feature-extraction", settings.modelId, { ...source, backend });
}
