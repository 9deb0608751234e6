/**
 * `@mobilenetv1/core/quantize`: int8 — the parameters (per-channel int8 weights, activation ranges),
 * calibration, the QLinearConv graph and the int8 checkpoint format. Applications call `model.quantize(...)`
 * or load an int8 checkpoint; this is for backends and tools that work with the parts.
 */
export {
  type ActivationRanges,
  CALIBRATION_BATCH_SIZE,
  type CalibrationSource,
  calibrateActivations,
  DEFAULT_CALIBRATION_METHOD,
  DEFAULT_CALIBRATION_PERCENTILE,
} from "./calibrate.js";
export {
  INT8_QUANT_METHOD,
  int8ParamsFromStateDict,
  int8QuantizationConfig,
  int8StateDict,
  QUANTIZATION_CONFIG_KEY,
} from "./int8-checkpoint.js";
export {
  buildInt8Graph,
  DEFAULT_FLOAT_LAYERS,
  INT8_GRAPH_FORMATS,
  type Int8GraphFormat,
} from "./int8-graph.js";
export {
  ACTIVATION_DTYPES,
  type ActivationDtype,
  CALIBRATION_METHODS,
  type CalibrationInfo,
  type CalibrationMethod,
  type Int8Classifier,
  type Int8ConvLayer,
  type Int8Params,
  type QuantParams,
} from "./int8-params.js";
export {
  DEFAULT_ACTIVATION_DTYPE,
  dequantizedWeights,
  INT8_ACTIVATIONS,
  quantizeWeights,
} from "./int8-weights.js";
