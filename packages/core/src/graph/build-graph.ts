import type { GraphDescription } from "../backend/backend.js";
import { InputError } from "../errors/errors.js";
import { emitActivation } from "./activation.js";
import { type ArchitectureConfig, convLayerPlan } from "./architecture.js";
import { type FeatureLayer, resolveFeatureLayers } from "./end-points.js";
import { isDefaultOptions, type MobileNetV1Options, resolveGraphOptions } from "./graph-options.js";
import { OnnxGraphWriter } from "./onnx-writer.js";
import { type AtrousLayerSpec, applyOutputStride } from "./output-stride.js";
import { emitTfSlimAvgPool, featureSize, tfSlimPooledSize, tfSlimPoolKernel } from "./pooling-head.js";

/** The config fields the graph depends on. */
export interface GraphConfig extends ArchitectureConfig {
  readonly tfPadding: boolean;
  readonly layerNormEps: number;
  readonly hiddenAct: string;
}

/** What a graph can return. `hidden_states` expands to the 26 outputs `hidden_states.0` … `hidden_states.25`. */
export type GraphOutput = "logits" | "pooler_output" | "last_hidden_state" | "hidden_states";

/** The name of the graph's only input, as HF's `main_input_name`. */
export const PIXEL_VALUES = "pixel_values";

/** Number of layer outputs HF returns as `hidden_states` (the stem is not one of them). */
export const NUM_HIDDEN_STATES = 26;

/**
 * Builds the ONNX graph of HF's MobileNetV1 for `config` with `weights`, returning only `outputs` (and
 * the `featureLayers`, each an output named by its TF-slim end point, e.g. `Conv2d_11_pointwise`).
 * Nodes that no requested output needs are left out: a logits-only graph does no extra work, and a
 * features-only graph stops at the deepest requested layer, without pooling or classifier.
 *
 * TF "SAME" padding is `auto_pad: SAME_UPPER`: the runtime computes it from each input's actual size,
 * which is exactly HF's `apply_tf_padding` (total max(k - s, 0) or max(k - in % s, 0), the odd pixel at
 * the bottom/right), and keeps convolutions fusable. With `tf_padding: false`, PyTorch's symmetric
 * `(k - 1) / 2`. With the default `options` the graph is HF's network, byte for byte what this function
 * built before options existed (a test pins the hash); see {@link MobileNetV1Options} for the others.
 *
 * @example
 * const graph = buildGraph({ config, weights: (key) => stateDict.get(key)!.data, outputs: ["logits"] });
 * graph.outputNames // ["logits"]
 * buildGraph({ config, weights, outputs: [], featureLayers: [9, 21], options: { outputStride: 16 } }).outputNames
 * // ["Conv2d_5_pointwise", "Conv2d_11_pointwise"]
 */
export function buildGraph(params: {
  config: GraphConfig;
  /** Returns the float32 data of a state-dict key (HF naming). */
  weights: (key: string) => Float32Array;
  outputs: readonly GraphOutput[];
  /** Layers to return as feature maps: HF layer indices (0–25) or TF-slim end-point names. @default [] */
  featureLayers?: readonly FeatureLayer[];
  /** Output stride and pooling head. @default MOBILENET_V1_OPTIONS_DEFAULTS (HF's network) */
  options?: MobileNetV1Options;
  /**
   * The input's spatial size, when the graph is built for one. Only the `tf-slim-avgpool` head reads it:
   * like TF-slim with a static shape, it then shrinks the kernel to a small map and returns 2-D logits
   * when the pooled map is 1×1. Unknown (a size-agnostic graph), the kernel stays 7×7 and logits are 4-D.
   * @default undefined
   */
  inputSize?: { readonly height: number; readonly width: number };
  /** Graph label for logs. */
  label?: string;
  /**
   * Large weights as in-memory external data (views, no copy) instead of inside the ONNX bytes; for a
   * backend that declares `externalWeights`. @default false
   */
  externalWeights?: boolean;
}): GraphDescription {
  const { config } = params;
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
  const w = new OnnxGraphWriter({ externalWeights: params.externalWeights });
  const batch = "batch_size";
  let x = w.input(PIXEL_VALUES, [batch, config.numChannels, "height", "width"]);

  const outputNames: string[] = [];
  const declare = (name: string, dims: (number | string)[]) => {
    w.output(name, dims);
    outputNames.push(name);
  };

  const plan = applyOutputStride({ plan: convLayerPlan(config), outputStride: options.outputStride });
  const featureNames = new Map(features.map((f) => [f.planIndex, f.name]));
  // Only features requested: the layers after the deepest one are not needed.
  const layerCount = wanted.size > 0 ? plan.length : Math.max(...features.map((f) => f.planIndex)) + 1;
  plan.slice(0, layerCount).forEach((layer, index) => {
    const hiddenIndex = index - 1; // the stem is not a hidden state
    const name = wanted.has("hidden_states") && hiddenIndex >= 0 ? `hidden_states.${hiddenIndex}` : undefined;
    const feature = featureNames.get(index);
    x = emitConvLayer({
      writer: w,
      input: x,
      layer,
      config,
      weights: params.weights,
      output: name ?? feature,
    });
    if (name) declare(name, [batch, layer.outChannels, `h${hiddenIndex}`, `w${hiddenIndex}`]);
    if (feature) {
      if (name) w.node({ op: "Identity", inputs: [x], output: feature });
      declare(feature, [batch, layer.outChannels, `${feature}_height`, `${feature}_width`]);
    }
  });
  const channels = plan.at(-1)!.outChannels;

  if (wanted.has("last_hidden_state")) {
    w.node({ op: "Identity", inputs: [x], output: "last_hidden_state" });
    declare("last_hidden_state", [batch, channels, "h_last", "w_last"]);
  }
  if (wanted.has("pooler_output") || wanted.has("logits")) {
    const head = { writer: w, input: x, config, weights: params.weights, wanted, declare, batch, channels };
    if (options.poolingHead === "global") {
      emitFlatHead({ ...head, pooled: w.node({ op: "GlobalAveragePool", inputs: [x] }) });
    } else {
      emitTfSlimHead({ ...head, plan, inputSize: params.inputSize });
    }
  }
  const label =
    params.label ?? graphLabel({ config, wanted, features: features.map((f) => f.name), options });
  return {
    onnx: w.finish({ graphName: "mobilenet_v1", docString: label }),
    inputNames: [PIXEL_VALUES],
    outputNames,
    label,
    ...(w.externalData.length > 0 ? { externalData: w.externalData } : {}),
  };
}

/** What the classifier heads need. Exported for the int8 graph, which reuses them on its dequantized features. */
export interface HeadParams {
  writer: OnnxGraphWriter;
  input: string;
  config: GraphConfig;
  weights: (key: string) => Float32Array;
  wanted: ReadonlySet<GraphOutput>;
  declare: (name: string, dims: (number | string)[]) => void;
  batch: string;
  channels: number;
}

/** HF's head on a pooled map that is 1×1: flatten, then the Linear classifier. */
export function emitFlatHead(params: HeadParams & { pooled: string }): void {
  const { writer: w, config, wanted, declare, batch, channels } = params;
  const pooler = w.node({
    op: "Flatten",
    inputs: [params.pooled],
    output: "pooler",
    attributes: { axis: 1 },
  });
  if (wanted.has("pooler_output")) {
    w.node({ op: "Identity", inputs: [pooler], output: "pooler_output" });
    declare("pooler_output", [batch, channels]);
  }
  if (wanted.has("logits") && config.numLabels === 0) {
    // HF's classifier is nn.Identity when num_labels is 0: the logits are the pooled features.
    w.node({ op: "Identity", inputs: [pooler], output: "logits" });
    declare("logits", [batch, channels]);
  } else if (wanted.has("logits")) {
    // Dropout is the identity at inference, so the classifier reads the pooled features directly.
    const weight = w.initializer(
      "classifier.weight",
      [config.numLabels, channels],
      params.weights("classifier.weight"),
    );
    const bias = w.initializer("classifier.bias", [config.numLabels], params.weights("classifier.bias"));
    w.node({ op: "Gemm", inputs: [pooler, weight, bias], output: "logits", attributes: { transB: 1 } });
    declare("logits", [batch, config.numLabels]);
  }
}

/**
 * TF-slim's head: `AvgPool_1a` (7×7, stride 2, VALID, the kernel shrunk to a smaller known map), then
 * `Conv2d_1c_1x1` — HF's Linear applied at every pooled position. When the pooled map is known to be
 * 1×1 the outputs are squeezed to HF's [B, C] / [B, num_labels] (TF-slim's `spatial_squeeze`);
 * otherwise they stay 4-D: [B, C, h', w'] and spatial logits [B, num_labels, h', w'].
 */
export function emitTfSlimHead(
  params: HeadParams & { plan: readonly AtrousLayerSpec[]; inputSize?: { height: number; width: number } },
): void {
  const { writer: w, config, wanted, declare, batch, channels, inputSize } = params;
  const strides = params.plan.map((l) => l.stride);
  const mapH = inputSize && featureSize({ size: inputSize.height, strides });
  const mapW = inputSize && featureSize({ size: inputSize.width, strides });
  const kernel = tfSlimPoolKernel({ featureHeight: mapH, featureWidth: mapW });
  const pooled = emitTfSlimAvgPool({ writer: w, input: params.input, kernel });
  const pooledH = mapH === undefined ? "pooled_height" : tfSlimPooledSize({ size: mapH, kernel: kernel[0] });
  const pooledW = mapW === undefined ? "pooled_width" : tfSlimPooledSize({ size: mapW, kernel: kernel[1] });
  if (pooledH === 1 && pooledW === 1) {
    emitFlatHead({ ...params, pooled });
    return;
  }

  if (wanted.has("pooler_output")) {
    w.node({ op: "Identity", inputs: [pooled], output: "pooler_output" });
    declare("pooler_output", [batch, channels, pooledH, pooledW]);
  }
  if (wanted.has("logits") && config.numLabels === 0) {
    w.node({ op: "Identity", inputs: [pooled], output: "logits" });
    declare("logits", [batch, channels, pooledH, pooledW]);
  } else if (wanted.has("logits")) {
    const n = config.numLabels;
    const weight = w.initializer(
      "classifier.weight",
      [n, channels, 1, 1],
      params.weights("classifier.weight"),
    );
    const bias = w.initializer("classifier.bias", [n], params.weights("classifier.bias"));
    w.node({
      op: "Conv",
      inputs: [pooled, weight, bias],
      output: "logits",
      attributes: { kernel_shape: [1, 1] },
    });
    declare("logits", [batch, n, pooledH, pooledW]);
  }
}

function graphLabel(params: {
  config: GraphConfig;
  wanted: ReadonlySet<GraphOutput>;
  features: readonly string[];
  options: Required<MobileNetV1Options>;
}): string {
  // The default label is part of the default graph's bytes: keep it exactly as it always was.
  let label = `mobilenet_v1 ${params.config.depthMultiplier} [${[...params.wanted].join(", ")}]`;
  if (params.features.length > 0) label += ` features [${params.features.join(", ")}]`;
  if (!isDefaultOptions(params.options))
    label += ` output_stride ${params.options.outputStride}, ${params.options.poolingHead} head`;
  return label;
}

function emitConvLayer(params: {
  writer: OnnxGraphWriter;
  input: string;
  layer: AtrousLayerSpec;
  config: GraphConfig;
  weights: (key: string) => Float32Array;
  output: string | undefined;
}): string {
  const { writer: w, layer, config } = params;
  const k = layer.kernelSize;
  const p = layer.prefix;
  const d = layer.dilation;
  const weight = w.initializer(
    `${p}.convolution.weight`,
    [layer.outChannels, layer.inChannels / layer.groups, k, k],
    params.weights(`${p}.convolution.weight`),
  );
  // A dilated kernel spans k + (k - 1)(d - 1) pixels and TF's SAME pads that effective kernel. Dilated
  // layers always have stride 1, where SAME's total padding is (k - 1)·d whatever the input size, split
  // evenly: explicit pads d·(k - 1)/2 per side are TF's SAME exactly (and onnxruntime refuses
  // SAME_UPPER with dilations). The same pads are the size-keeping extension of HF's symmetric (k - 1)/2.
  const padding: Record<string, string | number[]> =
    config.tfPadding && d === 1
      ? { auto_pad: "SAME_UPPER" }
      : { pads: Array<number>(4).fill((d * (k - 1)) / 2) };
  const dilations: Record<string, number[]> = d > 1 ? { dilations: [d, d] } : {};
  const conv = w.node({
    op: "Conv",
    inputs: [params.input, weight],
    attributes: {
      kernel_shape: [k, k],
      strides: [layer.stride, layer.stride],
      group: layer.groups,
      ...padding,
      ...dilations,
    },
  });
  const c = [layer.outChannels];
  const bn = w.node({
    op: "BatchNormalization",
    inputs: [
      conv,
      w.initializer(`${p}.normalization.weight`, c, params.weights(`${p}.normalization.weight`)),
      w.initializer(`${p}.normalization.bias`, c, params.weights(`${p}.normalization.bias`)),
      w.initializer(`${p}.normalization.running_mean`, c, params.weights(`${p}.normalization.running_mean`)),
      w.initializer(`${p}.normalization.running_var`, c, params.weights(`${p}.normalization.running_var`)),
    ],
    attributes: { epsilon: { float: config.layerNormEps } },
  });
  return emitActivation({ writer: w, input: bn, act: config.hiddenAct, output: params.output });
}
