export type { Backend, Executable, ExternalWeight, GraphDescription } from "./backend/backend.js";
export {
  type BackendHint,
  listBackends,
  registerBackend,
  resetBackendRegistry,
  resolveBackend,
} from "./backend/registry.js";
export {
  fromRuntimeOutputs,
  type RuntimeTensorConstructor,
  type RuntimeTensorLike,
  toRuntimeFeeds,
} from "./backend/runtime-tensors.js";
export { configFromCheckpointName } from "./config/checkpoint-name.js";
export { MobileNetV1Config, type MobileNetV1ConfigParams } from "./config/config.js";
export {
  CONFIG_MAX_DEPTH_MULTIPLIER,
  CONFIG_MAX_IMAGE_SIZE,
  CONFIG_MAX_LAYER_NORM_EPS,
  CONFIG_MAX_MIN_DEPTH,
  CONFIG_MAX_NUM_CHANNELS,
  CONFIG_MAX_NUM_LABELS,
} from "./config/config-bounds.js";
export {
  defaultId2label,
  MOBILENET_V1_CONFIG_DEFAULTS,
  MOBILENET_V1_MODEL_TYPE,
  PROBLEM_TYPES,
  SUPPORTED_HIDDEN_ACTS,
  type SupportedHiddenAct,
} from "./config/defaults.js";
export { IMAGENET_1K_LABELS } from "./config/imagenet-labels.js";
export type { MobileNetErrorCode } from "./errors/error-codes.js";
export * from "./errors/errors.js";
export { GRAPH_ACTIVATIONS } from "./graph/activation.js";
export {
  type ConvLayerSpec,
  convLayerPlan,
  DEPTHWISE_STRIDES,
  lastChannels,
  type ParameterSpec,
  parameterPlan,
} from "./graph/architecture.js";
export {
  buildGraph,
  type GraphConfig,
  type GraphOutput,
  NUM_HIDDEN_STATES,
  PIXEL_VALUES,
} from "./graph/build-graph.js";
export {
  END_POINT_NAMES,
  type FeatureLayer,
  type ResolvedFeatureLayer,
  resolveFeatureLayers,
} from "./graph/end-points.js";
export {
  MOBILENET_V1_OPTIONS_DEFAULTS,
  type MobileNetV1Options,
  POOLING_HEADS,
  type PoolingHead,
  resolveOptions,
} from "./graph/graph-options.js";
export { convOutputSize, modelStats } from "./graph/model-stats.js";
export { ONNX_OPSET, OnnxGraphWriter } from "./graph/onnx-writer.js";
export {
  type AtrousLayerSpec,
  applyOutputStride,
  OUTPUT_STRIDES,
  type OutputStride,
} from "./graph/output-stride.js";
export { TF_SLIM_POOL_KERNEL, TF_SLIM_POOL_STRIDE, tfSlimPoolKernel } from "./graph/pooling-head.js";
export {
  fileByteLimit,
  MAX_JSON_FILE_BYTES,
  MAX_JSON_FILE_BYTES_ENV,
  MAX_MODEL_FILE_BYTES,
  MAX_MODEL_FILE_BYTES_ENV,
} from "./io/file-limits.js";
export { JSON_MAX_DEPTH, jsonNestingDepth, parseJsonText, valueNestingDepth } from "./io/json-text.js";
export {
  listModelSources,
  type ModelFiles,
  type ModelSource,
  registerModelSource,
  type SourceOptions,
  type WeightsChoice,
} from "./io/model-source.js";
export { openModelFiles } from "./io/open-model.js";
export { writeFolder } from "./io/write-folder-node.js";
export { checkStateDict, type LoadingInfo } from "./model/check-state-dict.js";
export { exportOnnx } from "./model/export-onnx.js";
export {
  type ImageClassifierOutput,
  MobileNetV1ForImageClassification,
} from "./model/for-image-classification.js";
export {
  BATCHES_TRACKED_SUFFIX,
  type BatchesTracked,
  hfStateDict,
  readBatchesTracked,
} from "./model/hf-state-dict.js";
export { defaultOnWarning, type LoadWarning, loadWarnings } from "./model/load-warning.js";
export {
  floatWeightFiles,
  INT8_WEIGHTS_FILE,
  loadStateDict,
  SAFETENSORS_FILE,
  TORCH_BIN_FILE,
  weightFileCandidates,
} from "./model/load-weights.js";
export { classificationLoss, type Labels, type ProblemType } from "./model/loss.js";
export { MobileNetV1Model, type MobileNetV1ModelOutput } from "./model/mobilenet-v1-model.js";
export type {
  FromConfigOptions,
  FromPretrainedOptions,
  FromStateDictOptions,
  PixelValues,
} from "./model/model-options.js";
export {
  assertFiniteInput,
  findNonFinite,
  NonFiniteInputError,
  NonFiniteOutputError,
  type NonFiniteReport,
} from "./model/non-finite.js";
export { MobileNetV1PreTrainedModel } from "./model/pretrained-model.js";
export { randomInitWeights } from "./model/random-init.js";
export { type Prediction, topK } from "./model/top-k.js";
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  fetchWithTimeouts,
  readBodyCapped,
} from "./net/fetch-with-timeouts.js";
export { redactUrl, redactUrlsIn } from "./net/redact-url.js";
export { ActivationHistogram } from "./quantize/activation-histogram.js";
export { biasCorrection } from "./quantize/bias-correction.js";
export {
  type ActivationRanges,
  CALIBRATION_BATCH_SIZE,
  type CalibrationSource,
  calibrateActivations,
  DEFAULT_CALIBRATION_METHOD,
  DEFAULT_CALIBRATION_PERCENTILE,
} from "./quantize/calibrate.js";
export { foldBatchNorm } from "./quantize/fold-batch-norm.js";
export {
  INT8_QUANT_METHOD,
  int8ParamsFromStateDict,
  int8QuantizationConfig,
  int8StateDict,
  QUANTIZATION_CONFIG_KEY,
} from "./quantize/int8-checkpoint.js";
export {
  buildInt8Graph,
  DEFAULT_FLOAT_LAYERS,
  INT8_GRAPH_FORMATS,
  type Int8GraphFormat,
} from "./quantize/int8-graph.js";
export {
  ACTIVATION_DTYPES,
  type ActivationDtype,
  CALIBRATION_METHODS,
  type CalibrationInfo,
  type CalibrationMethod,
  type Int8Classifier,
  type Int8ConvLayer,
  type Int8Params,
  MODEL_DTYPES,
  type ModelDtype,
  type QuantParams,
  quantParamsForRange,
} from "./quantize/int8-params.js";
export {
  DEFAULT_ACTIVATION_DTYPE,
  dequantizedWeights,
  INT8_ACTIVATIONS,
  quantizeWeights,
} from "./quantize/int8-weights.js";
export { type QuantizeOptions, quantizeModel } from "./quantize/quantize-model.js";
export { dequantizePerChannel, quantizeBias, quantizePerChannel } from "./quantize/quantize-weights.js";
export { type DataType, Tensor } from "./tensor.js";
export { readSafetensors, SAFETENSORS_MAX_HEADER_DEPTH } from "./weights/safetensors-reader.js";
export { writeSafetensors } from "./weights/safetensors-writer.js";
export type { StateDict } from "./weights/state-dict.js";
export {
  readTorchBin,
  TORCH_BIN_MAX_PICKLE_BYTES,
  TORCH_BIN_MAX_UNPACKED_BYTES,
} from "./weights/torch-bin-reader.js";
