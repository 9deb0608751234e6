/**
 * @mobilenetv1/train: teach a MobileNetV1 new classes on a frozen backbone. Browser-safe (no Node
 * built-ins); reading a dataset folder is the Node subpath `@mobilenetv1/train/image-folder`.
 */
export { backboneHiddenSize, classifierFromHead } from "./classifier-from-head.js";
export { confusionMatrix } from "./confusion-matrix.js";
export {
  DatasetFolderError,
  type DatasetFolderProblem,
  EmbeddingShapeError,
  EmptyClassError,
  LabelCollisionError,
  NoUsableImagesError,
  TooFewClassesError,
} from "./errors.js";
export {
  DEFAULT_EXTRACT_BATCH_SIZE,
  type ExtractedEmbeddings,
  extractEmbeddings,
  type SkippedImage,
} from "./extract-embeddings.js";
export { foldClassName, MAX_CLASS_NAME_LENGTH } from "./fit/class-names.js";
export { type FitClassifierHeadParams, fitClassifierHead } from "./fit/fit-classifier-head.js";
export { FIT_DEFAULTS } from "./fit/fit-options.js";
export {
  type LabelledImage,
  type TrainedClassifier,
  type TrainProgress,
  trainClassifier,
} from "./train-classifier.js";
export type { ClassifierHead, ClassWeight, FitOptions, FitProgress, FitReport } from "./types.js";
