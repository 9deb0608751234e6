export {
  type ArchitectureEntry,
  type AutoLoadOptions,
  type BackboneModel,
  type ImageClassificationModel,
  type ImageProcessorLike,
  listArchitectures,
  registerArchitecture,
  UnsupportedModelTypeError,
} from "./architecture-registry.js";
export { AutoConfig, AutoImageProcessor, AutoModel, AutoModelForImageClassification } from "./auto.js";
export {
  DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL,
  type ImageFeatureExtractionCallOptions,
  type ImageFeatureExtractionPipeline,
} from "./image-feature-extraction.js";
export { mobilenetV1Entry } from "./mobilenet-v1-entry.js";
export {
  DEFAULT_IMAGE_CLASSIFICATION_MODEL,
  type ImageClassificationCallOptions,
  type ImageClassificationPipeline,
  type ImageClassificationResult,
  PIPELINE_TASKS,
  pipeline,
} from "./pipeline.js";
export { prefetchBatches } from "./prefetch-batches.js";
