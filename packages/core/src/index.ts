/**
 * @mobilenetv1/core's root: what an application uses — the model classes, the config, `Tensor`, the
 * errors, the backend and model-source contracts, and the file names of an HF folder. Every name here is
 * semver surface; public-api.test.ts pins the list. Power users and the SDK's own packages find the layers
 * below through subpaths: `./graph`, `./weights`, `./quantize`, `./net`, `./io`, `./conformance`
 * (docs/architecture.md, "core's public API").
 */

// contracts: backends
export type { Backend, Executable, ExternalWeight, GraphDescription } from "./backend/backend.js";
export { type BackendHint, listBackends, registerBackend, resolveBackend } from "./backend/registry.js";
// What a backend package needs to implement the contract on an onnxruntime-like runtime.
export {
  fromRuntimeOutputs,
  type RuntimeTensorConstructor,
  type RuntimeTensorLike,
  toRuntimeFeeds,
} from "./backend/runtime-tensors.js";
// config
export { configFromCheckpointName } from "./config/checkpoint-name.js";
export { MobileNetV1Config, type MobileNetV1ConfigParams } from "./config/config.js";
// The bounds config.json is checked against (the README's "Untrusted input" table documents each).
export {
  CONFIG_MAX_DEPTH_MULTIPLIER,
  CONFIG_MAX_IMAGE_SIZE,
  CONFIG_MAX_LAYER_NORM_EPS,
  CONFIG_MAX_MIN_DEPTH,
  CONFIG_MAX_NUM_CHANNELS,
  CONFIG_MAX_NUM_LABELS,
} from "./config/config-bounds.js";
export {
  MOBILENET_V1_CONFIG_DEFAULTS,
  type ProblemType,
  type SupportedHiddenAct,
} from "./config/defaults.js";
export { IMAGENET_1K_LABELS } from "./config/imagenet-labels.js";
// errors: the base class, every subclass, and the union of every code any package throws
export type { MobileNetErrorCode } from "./errors/error-codes.js";
export * from "./errors/errors.js";
// model options that are graph options (`outputStride`, `poolingHead`) and feature-layer names
export type { FeatureLayer } from "./graph/end-points.js";
export type { MobileNetV1Options } from "./graph/graph-options.js";
// HF folder file names
export { MODEL_FILES } from "./io/model-files.js";
// contracts: model sources
export {
  type ModelFiles,
  type ModelSource,
  registerModelSource,
  type SourceOptions,
  type WeightsChoice,
} from "./io/model-source.js";
export { openModelFiles } from "./io/open-model.js";
// models
export type { LoadingInfo } from "./model/check-state-dict.js";
export {
  type ImageClassifierOutput,
  MobileNetV1ForImageClassification,
} from "./model/for-image-classification.js";
export type { LoadWarning } from "./model/load-warning.js";
export type { Labels } from "./model/loss.js";
export { MobileNetV1Model, type MobileNetV1ModelOutput } from "./model/mobilenet-v1-model.js";
export type {
  FromConfigOptions,
  FromPretrainedOptions,
  FromStateDictOptions,
  PixelValues,
} from "./model/model-options.js";
export { NonFiniteInputError, NonFiniteOutputError } from "./model/non-finite.js";
export { MobileNetV1PreTrainedModel } from "./model/pretrained-model.js";
export { type Prediction, topK } from "./model/top-k.js";
export { MODEL_DTYPES, type ModelDtype } from "./quantize/int8-params.js";
export type { QuantizeOptions } from "./quantize/quantize-model.js";
export { type DataType, Tensor } from "./tensor.js";
