import { MODEL_FILES, openModelFiles, type SourceOptions } from "@mobilenetv1/core";
import {
  type ArchitectureEntry,
  type AutoLoadOptions,
  architectureFor,
  type BackboneModel,
  type ImageClassificationModel,
  type ImageProcessorLike,
  listArchitectures,
  readJsonFile,
  registerArchitecture,
} from "./architecture-registry.js";
import { mobilenetV1Entry } from "./mobilenet-v1-entry.js";

registerArchitecture(mobilenetV1Entry);

async function entryFromConfig(
  pathOrId: string,
  options: SourceOptions,
): Promise<{ entry: ArchitectureEntry; json: unknown; file: string }> {
  const files = await openModelFiles({ pathOrId, files: [MODEL_FILES.config], options });
  const { json, file } = await readJsonFile(files, MODEL_FILES.config);
  const modelType = (json as { model_type?: unknown } | null)?.model_type;
  return { entry: architectureFor({ modelType, location: file }), json, file };
}

/**
 * Loads the config class registered for config.json's `model_type`.
 *
 * @example
 * const config = await AutoConfig.fromPretrained("google/mobilenet_v1_1.0_224");
 * config instanceof MobileNetV1Config // true
 */
export const AutoConfig = {
  async fromPretrained(pathOrId: string, options: SourceOptions = {}): Promise<unknown> {
    const { entry, json, file } = await entryFromConfig(pathOrId, options);
    return entry.loadConfig({ json, file });
  },
};

/**
 * Loads the image-classification model registered for config.json's `model_type`.
 *
 * @example
 * const model = await AutoModelForImageClassification.fromPretrained("google/mobilenet_v1_1.0_224", { backend: "node" });
 */
export const AutoModelForImageClassification = {
  async fromPretrained(pathOrId: string, options: AutoLoadOptions = {}): Promise<ImageClassificationModel> {
    const { entry } = await entryFromConfig(pathOrId, options);
    return entry.loadImageClassification({ pathOrId, options });
  },
};

/**
 * Loads the bare backbone (HF's `AutoModel`) registered for config.json's `model_type`. A classification
 * checkpoint loads too: its backbone weights are used and its head is left out, as in HF.
 *
 * @example
 * const model = await AutoModel.fromPretrained("../shared/hf/keras_mobilenet_v1_0.75_224", { backend: "node" });
 * model instanceof MobileNetV1Model // true
 */
export const AutoModel = {
  async fromPretrained(pathOrId: string, options: AutoLoadOptions = {}): Promise<BackboneModel> {
    const { entry } = await entryFromConfig(pathOrId, options);
    return entry.loadModel({ pathOrId, options });
  },
};

/**
 * Loads the image processor named by preprocessor_config.json's `image_processor_type` (or, when it has
 * none, the one of config.json's `model_type`).
 */
export const AutoImageProcessor = {
  async fromPretrained(pathOrId: string, options: SourceOptions = {}): Promise<ImageProcessorLike> {
    const files = await openModelFiles({
      pathOrId,
      files: [MODEL_FILES.preprocessorConfig, MODEL_FILES.config],
      options,
    });
    const { json, file } = await readJsonFile(files, MODEL_FILES.preprocessorConfig);
    const type = json as { image_processor_type?: unknown; feature_extractor_type?: unknown } | null;
    const named = type?.image_processor_type ?? type?.feature_extractor_type;
    const entry =
      typeof named === "string"
        ? listArchitectures()
            .map((t) => architectureFor({ modelType: t, location: file }))
            .find((e) => e.imageProcessorTypes.includes(named))
        : undefined;
    if (entry) return entry.loadImageProcessor({ pathOrId, options });
    const fromConfig = await entryFromConfig(pathOrId, options);
    return fromConfig.entry.loadImageProcessor({ pathOrId, options });
  },
};
