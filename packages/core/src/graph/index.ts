/**
 * `@mobilenetv1/core/graph`: the network as an ONNX graph — `buildGraph`, its outputs and options,
 * architecture plans, TF-slim end points, `modelStats`, and ONNX export. For backends, converters and power
 * users; applications use the model classes at the root.
 */

export { exportOnnx } from "../model/export-onnx.js";
export { type ParameterSpec, parameterPlan } from "./architecture.js";
export {
  buildGraph,
  type GraphConfig,
  type GraphOutput,
  NUM_HIDDEN_STATES,
  PIXEL_VALUES,
} from "./build-graph.js";
export { END_POINT_NAMES, type ResolvedFeatureLayer, resolveFeatureLayers } from "./end-points.js";
export {
  MOBILENET_V1_OPTIONS_DEFAULTS,
  POOLING_HEADS,
  type PoolingHead,
  resolveGraphOptions,
} from "./graph-options.js";
export { modelStats } from "./model-stats.js";
export { ONNX_OPSET, OnnxGraphWriter } from "./onnx-writer.js";
export { OUTPUT_STRIDES, type OutputStride } from "./output-stride.js";
