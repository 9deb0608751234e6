import type { GraphDescription } from "../backend/backend.js";
import { InputError } from "../errors/errors.js";
import { convLayerPlan } from "../graph/architecture.js";
import {
  emitFlatHead,
  emitTfSlimHead,
  type GraphConfig,
  type GraphOutput,
  type HeadParams,
  PIXEL_VALUES,
} from "../graph/build-graph.js";
import { type FeatureLayer, resolveFeatureLayers } from "../graph/end-points.js";
import { isDefaultOptions, type MobileNetV1Options, resolveGraphOptions } from "../graph/graph-options.js";
import { OnnxGraphWriter } from "../graph/onnx-writer.js";
import { applyOutputStride } from "../graph/output-stride.js";
import { emitFloatConv, emitQdqConv, emitQLinearConv, type GraphValue } from "./int8-conv.js";
import type { Int8Params, QuantParams } from "./int8-params.js";
import { checkInt8Activation } from "./int8-weights.js";
import { dequantizePerChannel } from "./quantize-weights.js";

/**
 * How the int8 convolutions are written. `"qlinear"`: one QLinearConv per layer, what onnxruntime runs
 * natively on both backends. `"qdq"`: float Conv between DequantizeLinear/QuantizeLinear pairs (the
 * portable form other runtimes fuse); onnxruntime fuses it into the same QLinearConv.
 */
export const INT8_GRAPH_FORMATS = ["qlinear", "qdq"] as const;

/** One of {@link INT8_GRAPH_FORMATS}. */
export type Int8GraphFormat = (typeof INT8_GRAPH_FORMATS)[number];

/**
 * Leading conv layers the int8 graph runs in float32 by default: the stem (3 input channels) and the
 * first depthwise layer (few channels on the 112×112 map), where onnxruntime's int8 kernels measured
 * slower than its float ones on both backends (docs/int8.md).
 */
export const DEFAULT_FLOAT_LAYERS = 2;

/**
 * The int8 counterpart of `buildGraph`: same input (`pixel_values`, float32), same outputs and options.
 * The first `floatLayers` conv layers run in float32 (int8 weights dequantized); then every layer is a
 * QLinearConv (uint8 or int8 activations × per-channel int8 weights, int32 bias) whose output range
 * absorbs ReLU6. Requested hidden states and feature maps are dequantized to float32; the head (pooling
 * and classifier, <0.5% of the work) runs in float32 on the dequantized last layer.
 *
 * @example
 * const graph = buildInt8Graph({ config: model.config, params: model.quantization!, outputs: ["logits"] });
 * graph.outputNames // ["logits"]
 */
export function buildInt8Graph(params: {
  config: GraphConfig;
  /** The quantized weights and activation ranges. */
  params: Int8Params;
  outputs: readonly GraphOutput[];
  /** @default [] */
  featureLayers?: readonly FeatureLayer[];
  /** @default MOBILENET_V1_OPTIONS_DEFAULTS (HF's network) */
  options?: MobileNetV1Options;
  /** As `buildGraph`'s: only the `tf-slim-avgpool` head reads it. @default undefined */
  inputSize?: { readonly height: number; readonly width: number };
  /**
   * @default "qlinear" for uint8 activations; "qdq" for int8 ones, which onnxruntime fuses into its fast
   * kernels while an explicit int8 × int8 QLinearConv took a path 6× slower than float (docs/int8.md)
   */
  format?: Int8GraphFormat;
  /** Leading conv layers (stem = 1) to run in float32. @default DEFAULT_FLOAT_LAYERS (2) */
  floatLayers?: number;
}): GraphDescription {
  const { config } = params;
  const q = params.params;
  checkInt8Activation(config.hiddenAct);
  const options = resolveGraphOptions({ options: params.options });
  const wanted = new Set(params.outputs);
  const features = params.featureLayers?.length ? resolveFeatureLayers({ layers: params.featureLayers }) : [];
  if (wanted.size === 0 && features.length === 0) {
    throw new InputError({
      argument: "outputs",
      value: params.outputs,
      expected: "at least one output or feature layer",
    });
  }
  const w = new OnnxGraphWriter();
  const batch = "batch_size";
  const outputNames: string[] = [];
  const declare = (name: string, dims: (number | string)[]) => {
    w.output(name, dims);
    outputNames.push(name);
  };
  const qparams = (p: QuantParams, prefix: string): [string, string] => [
    w.typedInitializer(`${prefix}.scale`, [], Float32Array.of(p.scale)),
    w.typedInitializer(
      `${prefix}.zero_point`,
      [],
      q.activationDtype === "uint8" ? Uint8Array.of(p.zeroPoint) : Int8Array.of(p.zeroPoint),
    ),
  ];
  const toFloat = (x: GraphValue, output?: string) => {
    if (x.qparams) return w.node({ op: "DequantizeLinear", inputs: [x.name, ...x.qparams], output });
    return output ? w.node({ op: "Identity", inputs: [x.name], output }) : x.name;
  };

  let x: GraphValue = { name: w.input(PIXEL_VALUES, [batch, config.numChannels, "height", "width"]) };
  const plan = applyOutputStride({ plan: convLayerPlan(config), outputStride: options.outputStride });
  const featureNames = new Map(features.map((f) => [f.planIndex, f.name]));
  const layerCount = wanted.size > 0 ? plan.length : Math.max(...features.map((f) => f.planIndex)) + 1;
  const floatLayers = params.floatLayers ?? DEFAULT_FLOAT_LAYERS;
  plan.slice(0, layerCount).forEach((layer, index) => {
    const inputQuant = index === 0 ? q.input : q.layers[index - 1]!.output;
    const conv = {
      writer: w,
      layer,
      quantized: q.layers[index]!,
      inputScale: inputQuant.scale,
      tfPadding: config.tfPadding,
    };
    if (index < floatLayers) {
      x = { name: emitFloatConv({ ...conv, input: x.name, act: config.hiddenAct }) };
    } else {
      if (!x.qparams) {
        const inputQ = qparams(inputQuant, index === 0 ? PIXEL_VALUES : `${plan[index - 1]!.prefix}.output`);
        x = { name: w.node({ op: "QuantizeLinear", inputs: [x.name, ...inputQ] }), qparams: inputQ };
      }
      const output = qparams(conv.quantized.output, `${layer.prefix}.output`);
      const emit =
        (params.format ?? (q.activationDtype === "int8" ? "qdq" : "qlinear")) === "qdq"
          ? emitQdqConv
          : emitQLinearConv;
      x = { name: emit({ ...conv, input: x, output }), qparams: output };
    }
    const name = wanted.has("hidden_states") && index >= 1 ? `hidden_states.${index - 1}` : undefined;
    const feature = featureNames.get(index);
    if (name) declare(toFloat(x, name), [batch, layer.outChannels, `h${index - 1}`, `w${index - 1}`]);
    if (feature) {
      const out = name ? w.node({ op: "Identity", inputs: [name], output: feature }) : toFloat(x, feature);
      declare(out, [batch, layer.outChannels, `${feature}_height`, `${feature}_width`]);
    }
  });
  const channels = plan.at(-1)!.outChannels;
  if (wanted.has("last_hidden_state"))
    declare(toFloat(x, "last_hidden_state"), [batch, channels, "h_last", "w_last"]);
  if (wanted.has("pooler_output") || wanted.has("logits")) {
    const last = toFloat(x);
    // The classifier's weights are dequantized here, not by a DequantizeLinear node: onnxruntime prepacks a
    // constant Gemm weight, and the run-time form made the head 4× slower (docs/int8.md).
    const c = q.classifier;
    const weights = (key: string) => {
      if (c && key === "classifier.weight")
        return dequantizePerChannel({ data: c.weight, scale: c.weightScale });
      if (c && key === "classifier.bias") return c.bias;
      throw new InputError({
        argument: "params.classifier",
        value: undefined,
        expected: "a quantized classifier",
      });
    };
    const head: HeadParams = { writer: w, input: last, config, weights, wanted, declare, batch, channels };
    if (options.poolingHead === "global")
      emitFlatHead({ ...head, pooled: w.node({ op: "GlobalAveragePool", inputs: [last] }) });
    else emitTfSlimHead({ ...head, plan, inputSize: params.inputSize });
  }
  let label = `mobilenet_v1 ${config.depthMultiplier} int8 [${[...wanted].join(", ")}]`;
  if (features.length > 0) label += ` features [${features.map((f) => f.name).join(", ")}]`;
  if (!isDefaultOptions(options))
    label += ` output_stride ${options.outputStride}, ${options.poolingHead} head`;
  return {
    onnx: w.finish({ graphName: "mobilenet_v1_int8", docString: label }),
    inputNames: [PIXEL_VALUES],
    outputNames,
    label,
  };
}
