import { buildGraph, type GraphOutput } from "../graph/build-graph.js";
import type { FeatureLayer } from "../graph/end-points.js";
import { appendModelMetadata, ONNX_OPSET } from "../graph/onnx-writer.js";
import { buildInt8Graph } from "../quantize/int8-graph.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import type { MobileNetV1PreTrainedModel } from "./pretrained-model.js";

/**
 * A standalone ONNX model (opset {@link ONNX_OPSET}, IR 7, weights inline) of `model` with its graph
 * options: input `pixel_values` [batch_size, C, height, width], batch and spatial size dynamic; outputs
 * named as requested (`logits`, `pooler_output`, `last_hidden_state`, `hidden_states.0` … `.25`, and
 * feature layers by TF-slim end-point name). It is the graph the SDK itself runs, so onnxruntime (Node,
 * web, Python) or transformers.js give the SDK's numbers. `metadata_props` records the opset, output
 * stride, pooling head and the config's depth multiplier. An int8 model (`model.quantize`) exports its int8
 * graph (QLinearConv; `metadata_props` then also say `dtype: int8`).
 *
 * With the `tf-slim-avgpool` head and no `inputSize`, the pooling kernel is TF-slim's 7×7 and logits
 * are 4-D [B, N, h', w'] (TF-slim's choice for an unknown shape); pass `inputSize` for a graph that
 * reduces the kernel and squeezes to [B, N] at that size.
 *
 * @example
 * const bytes = exportOnnx({ model }); // a classifier: ["logits"]
 * await writeFile("mobilenet_v1.onnx", bytes);
 * const backbone = exportOnnx({ model: base.withOptions({ outputStride: 16 }), outputs: [], featureLayers: [9, 21, 23, 25] });
 */
export function exportOnnx(params: {
  model: MobileNetV1PreTrainedModel;
  /**
   * @default ["logits"] for MobileNetV1ForImageClassification, ["last_hidden_state", "pooler_output"]
   * for MobileNetV1Model (none when `featureLayers` are given)
   */
  outputs?: readonly GraphOutput[];
  /** Feature maps to export, by HF layer index or TF-slim end-point name. @default [] */
  featureLayers?: readonly FeatureLayer[];
  /** A fixed input size for the `tf-slim-avgpool` head (see above). @default undefined (dynamic) */
  inputSize?: { readonly height: number; readonly width: number };
}): Uint8Array {
  const { model } = params;
  const defaults: GraphOutput[] = params.featureLayers?.length
    ? []
    : model instanceof MobileNetV1ForImageClassification
      ? ["logits"]
      : ["last_hidden_state", "pooler_output"];
  const build = {
    config: model.config,
    outputs: params.outputs ?? defaults,
    featureLayers: params.featureLayers,
    options: model.options,
    inputSize: params.inputSize,
  };
  const graph = model.quantization
    ? buildInt8Graph({ ...build, params: model.quantization })
    : buildGraph({ ...build, weights: (key) => model.weights.get(key)! });
  return appendModelMetadata({
    onnx: graph.onnx,
    metadata: {
      opset: String(ONNX_OPSET),
      output_stride: String(model.options.outputStride),
      pooling_head: model.options.poolingHead,
      depth_multiplier: String(model.config.depthMultiplier),
      ...(model.quantization ? { dtype: "int8" } : {}),
    },
  });
}
