export { pipeline, DEFAULT_IMAGE_CLASSIFICATION_MODEL, type ImageClassificationPipeline, type ImageClassificationResult, type ImageClassificationCallOptions } from "./pipeline.js";
export { AutoConfig, AutoModelForImageClassification, AutoImageProcessor } from "./auto.js";
export {
  registerArchitecture,
  listArchitectures,
  UnsupportedModelTypeError,
  type ArchitectureEntry,
  type AutoLoadOptions,
  type ImageClassificationModel,
  type ImageProcessorLike,
} from "./architecture-registry.js";
export { mobilenetV1Entry } from "./mobilenet-v1-entry.js";
