export {
  type ArchitectureEntry,
  type AutoLoadOptions,
  type ImageClassificationModel,
  type ImageProcessorLike,
  listArchitectures,
  registerArchitecture,
  UnsupportedModelTypeError,
} from "./architecture-registry.js";
export { AutoConfig, AutoImageProcessor, AutoModelForImageClassification } from "./auto.js";
export { mobilenetV1Entry } from "./mobilenet-v1-entry.js";
export {
  DEFAULT_IMAGE_CLASSIFICATION_MODEL,
  type ImageClassificationCallOptions,
  type ImageClassificationPipeline,
  type ImageClassificationResult,
  pipeline,
} from "./pipeline.js";
export { prefetchBatches } from "./prefetch-batches.js";
