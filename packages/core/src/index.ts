export * from "./errors/errors.js";
export { Tensor, type DataType } from "./tensor.js";
export type { StateDict } from "./weights/state-dict.js";
export type { Backend, Executable, GraphDescription } from "./backend/backend.js";
export { registerBackend, listBackends, resetBackendRegistry, resolveBackend, type BackendHint } from "./backend/registry.js";
export {
  registerModelSource,
  listModelSources,
  type ModelFiles,
  type ModelSource,
  type SourceOptions,
} from "./io/model-source.js";
export { openModelFiles } from "./io/open-model.js";
export { convLayerPlan, parameterPlan, lastChannels, DEPTHWISE_STRIDES, type ConvLayerSpec, type ParameterSpec } from "./graph/architecture.js";
export { buildGraph, PIXEL_VALUES, NUM_HIDDEN_STATES, type GraphConfig, type GraphOutput } from "./graph/build-graph.js";
export { GRAPH_ACTIVATIONS } from "./graph/activation.js";
export { ONNX_OPSET } from "./graph/onnx-writer.js";
export { MobileNetV1PreTrainedModel, type FromPretrainedOptions, type FromConfigOptions, type FromStateDictOptions, type PixelValues } from "./model/pretrained-model.js";
export { MobileNetV1Model, type MobileNetV1ModelOutput } from "./model/mobilenet-v1-model.js";
export { MobileNetV1ForImageClassification, type ImageClassifierOutput } from "./model/for-image-classification.js";
export { topK, type Prediction } from "./model/top-k.js";
export { classificationLoss, type ProblemType, type Labels } from "./model/loss.js";
export { checkStateDict, type LoadingInfo } from "./model/check-state-dict.js";
export { randomInitWeights } from "./model/random-init.js";
export { loadStateDict, weightFileCandidates, SAFETENSORS_FILE, TORCH_BIN_FILE } from "./model/load-weights.js";
export { MobileNetV1Config, type MobileNetV1ConfigParams } from "./config/config.js";
export {
  MOBILENET_V1_CONFIG_DEFAULTS,
  MOBILENET_V1_MODEL_TYPE,
  SUPPORTED_HIDDEN_ACTS,
  PROBLEM_TYPES,
  defaultId2label,
  type SupportedHiddenAct,
} from "./config/defaults.js";
export { configFromCheckpointName } from "./config/checkpoint-name.js";
export { IMAGENET_1K_LABELS } from "./config/imagenet-labels.js";
export { modelStats, convOutputSize } from "./graph/model-stats.js";
export { OnnxGraphWriter } from "./graph/onnx-writer.js";
export { readSafetensors } from "./weights/safetensors-reader.js";
export { writeSafetensors } from "./weights/safetensors-writer.js";
export { readTorchBin } from "./weights/torch-bin-reader.js";
export { OUTPUT_STRIDES, applyOutputStride, type OutputStride, type AtrousLayerSpec } from "./graph/output-stride.js";
export {
  POOLING_HEADS,
  MOBILENET_V1_OPTIONS_DEFAULTS,
  resolveOptions,
  type MobileNetV1Options,
  type PoolingHead,
} from "./graph/graph-options.js";
export { END_POINT_NAMES, resolveFeatureLayers, type FeatureLayer, type ResolvedFeatureLayer } from "./graph/end-points.js";
export { TF_SLIM_POOL_KERNEL, TF_SLIM_POOL_STRIDE, tfSlimPoolKernel } from "./graph/pooling-head.js";
export { exportOnnx } from "./model/export-onnx.js";
export { exportForTransformersJs, mobileNetV1PreprocessorConfig } from "./model/export-transformers-js.js";
export {
  MODEL_DTYPES,
  ACTIVATION_DTYPES,
  CALIBRATION_METHODS,
  quantParamsForRange,
  type ModelDtype,
  type ActivationDtype,
  type CalibrationMethod,
  type CalibrationInfo,
  type QuantParams,
  type Int8Params,
  type Int8ConvLayer,
  type Int8Classifier,
} from "./quantize/int8-params.js";
export { quantizeModel, type QuantizeOptions } from "./quantize/quantize-model.js";
export {
  calibrateActivations,
  DEFAULT_CALIBRATION_METHOD,
  DEFAULT_CALIBRATION_PERCENTILE,
  CALIBRATION_BATCH_SIZE,
  type ActivationRanges,
  type CalibrationSource,
} from "./quantize/calibrate.js";
export { ActivationHistogram } from "./quantize/activation-histogram.js";
export { quantizeWeights, dequantizedWeights, INT8_ACTIVATIONS, DEFAULT_ACTIVATION_DTYPE } from "./quantize/int8-weights.js";
export { foldBatchNorm } from "./quantize/fold-batch-norm.js";
export { biasCorrection } from "./quantize/bias-correction.js";
export { quantizePerChannel, quantizeBias, dequantizePerChannel } from "./quantize/quantize-weights.js";
export { buildInt8Graph, DEFAULT_FLOAT_LAYERS, INT8_GRAPH_FORMATS, type Int8GraphFormat } from "./quantize/int8-graph.js";
export {
  int8StateDict,
  int8ParamsFromStateDict,
  int8QuantizationConfig,
  QUANTIZATION_CONFIG_KEY,
  INT8_QUANT_METHOD,
} from "./quantize/int8-checkpoint.js";
export { writeFolder } from "./io/write-folder-node.js";
