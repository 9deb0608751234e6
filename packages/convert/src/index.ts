export { conversionImageProcessor } from "./conversion-image-processor.js";
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
export {
  ConvertInputFileError,
  ConvertUnsafePathError,
  ConvertUsageError,
  type InputFileReason,
  OutputUnwritableError,
  type UnsafePathReason,
} from "./errors/convert-errors.js";
export { exportForTransformersJs } from "./export-transformers-js.js";
export { type ConvertedModel, toHfCheckpoint, writeHfCheckpoint } from "./hf-layout.js";
export {
  CONVERT_MAX_BYTES_ENV,
  confinedPath,
  DEFAULT_MAX_CONVERT_INPUT_BYTES,
  DEFAULT_MAX_MODEL_JSON_BYTES,
  lexicalPathProblem,
  maxInputBytesFromEnv,
  readInputFile,
} from "./input-files.js";
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
