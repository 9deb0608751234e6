export {
  CONVERT_FORMATS,
  type ConvertFormat,
  configureConvertCommand,
  registerConvertCommand,
  runConvert,
} from "./convert-command.js";
export { type ConvertedTfSlimModel, convertTfSlim } from "./convert-tf-slim.js";
export { convertTfjsLayers } from "./convert-tfjs-layers.js";
export { convertTflite } from "./convert-tflite.js";
export { type ConvertedModel, toHfCheckpoint, writeHfCheckpoint } from "./hf-layout.js";
export { identityBatchNorm, type RawTensor, transpose } from "./tensor-layout.js";
export { type SlimLayout, type SlimVariable, tfSlimVariableMap } from "./tf-slim-names.js";
export { type KerasLayer, readTfjsLayersModel, type TfjsLayersModel } from "./tfjs-layers-reader.js";
export {
  readTflite,
  type TfliteGraph,
  type TfliteOperator,
  type TfliteOptions,
  type TfliteTensor,
} from "./tflite-reader.js";
