import { InputError } from "../errors/errors.js";
import type { GraphDescription } from "../backend/backend.js";
import { emitActivation } from "./activation.js";
import { type ArchitectureConfig, convLayerPlan, type ConvLayerSpec } from "./architecture.js";
import { OnnxGraphWriter } from "./onnx-writer.js";

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
 * Builds the ONNX graph of HF's MobileNetV1 for `config` with `weights`, returning only `outputs`.
 * Nodes that no requested output needs are left out, so a logits-only graph does no extra work.
 *
 * TF "SAME" padding is `auto_pad: SAME_UPPER`: the runtime computes it from each input's actual size,
 * which is exactly HF's `apply_tf_padding` (total max(k - s, 0) or max(k - in % s, 0), the odd pixel at
 * the bottom/right), and keeps convolutions fusable. With `tf_padding: false`, PyTorch's symmetric
 * `(k - 1) / 2`.
 *
 * @example
 * const graph = buildGraph({ config, weights: (key) => stateDict.get(key)!.data, outputs: ["logits"] });
 * graph.outputNames // ["logits"]
 */
export function buildGraph(params: {
  config: GraphConfig;
  /** Returns the float32 data of a state-dict key (HF naming). */
  weights: (key: string) => Float32Array;
  outputs: readonly GraphOutput[];
  /** Graph label for logs. */
  label?: string;
}): GraphDescription {
  const { config } = params;
  const wanted = new Set(params.outputs);
  if (wanted.size === 0) throw new InputError({ argument: "outputs", value: params.outputs, expected: "at least one output" });
  const w = new OnnxGraphWriter();
  const batch = "batch_size";
  let x = w.input(PIXEL_VALUES, [batch, config.numChannels, "height", "width"]);

  const outputNames: string[] = [];
  const declare = (name: string, dims: (number | string)[]) => {
    w.output(name, dims);
    outputNames.push(name);
  };

  const plan = convLayerPlan(config);
  plan.forEach((layer, index) => {
    const hiddenIndex = index - 1; // the stem is not a hidden state
    const name = wanted.has("hidden_states") && hiddenIndex >= 0 ? `hidden_states.${hiddenIndex}` : undefined;
    x = emitConvLayer({ writer: w, input: x, layer, config, weights: params.weights, output: name });
    if (name) declare(name, [batch, layer.outChannels, `h${hiddenIndex}`, `w${hiddenIndex}`]);
  });
  const channels = plan.at(-1)!.outChannels;

  if (wanted.has("last_hidden_state")) {
    w.node({ op: "Identity", inputs: [x], output: "last_hidden_state" });
    declare("last_hidden_state", [batch, channels, "h_last", "w_last"]);
  }
  if (wanted.has("pooler_output") || wanted.has("logits")) {
    const pooled = w.node({ op: "GlobalAveragePool", inputs: [x] });
    const pooler = w.node({ op: "Flatten", inputs: [pooled], output: "pooler", attributes: { axis: 1 } });
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
      const weight = w.initializer("classifier.weight", [config.numLabels, channels], params.weights("classifier.weight"));
      const bias = w.initializer("classifier.bias", [config.numLabels], params.weights("classifier.bias"));
      w.node({ op: "Gemm", inputs: [pooler, weight, bias], output: "logits", attributes: { transB: 1 } });
      declare("logits", [batch, config.numLabels]);
    }
  }
  const label = params.label ?? `mobilenet_v1 ${config.depthMultiplier} [${[...wanted].join(", ")}]`;
  return { onnx: w.finish({ graphName: "mobilenet_v1", docString: label }), inputNames: [PIXEL_VALUES], outputNames, label };
}

function emitConvLayer(params: {
  writer: OnnxGraphWriter;
  input: string;
  layer: ConvLayerSpec;
  config: GraphConfig;
  weights: (key: string) => Float32Array;
  output: string | undefined;
}): string {
  const { writer: w, layer, config } = params;
  const k = layer.kernelSize;
  const p = layer.prefix;
  const weight = w.initializer(
    `${p}.convolution.weight`,
    [layer.outChannels, layer.inChannels / layer.groups, k, k],
    params.weights(`${p}.convolution.weight`),
  );
  const padding: Record<string, string | number[]> = config.tfPadding
    ? { auto_pad: "SAME_UPPER" }
    : { pads: Array<number>(4).fill((k - 1) / 2) };
  const conv = w.node({
    op: "Conv",
    inputs: [params.input, weight],
    attributes: { kernel_shape: [k, k], strides: [layer.stride, layer.stride], group: layer.groups, ...padding },
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
