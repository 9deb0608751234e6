import { emitActivation } from "../graph/activation.js";
import type { OnnxGraphWriter } from "../graph/onnx-writer.js";
import type { AtrousLayerSpec } from "../graph/output-stride.js";
import type { Int8ConvLayer } from "./int8-params.js";
import { dequantizePerChannel } from "./quantize-weights.js";

/** A graph value: float32, or quantized with the names of its (scale, zero point) initializers. */
export interface GraphValue {
  readonly name: string;
  readonly qparams?: readonly [string, string];
}

/** What every conv emitter needs. */
export interface Int8ConvParams {
  writer: OnnxGraphWriter;
  layer: AtrousLayerSpec;
  quantized: Int8ConvLayer;
  /** The float scale of the layer's input quantization (the bias is in units of it × the weight scales). */
  inputScale: number;
  tfPadding: boolean;
}

/**
 * One int8 conv layer as a QLinearConv: quantized input, per-channel int8 weights (zero points 0), int32
 * bias, quantized output whose range absorbs ReLU6 (values below 0 and above the clip saturate).
 */
export function emitQLinearConv(
  params: Int8ConvParams & { input: GraphValue; output: readonly [string, string] },
): string {
  const { writer: w, layer, quantized: l } = params;
  const bias = w.typedInitializer(`${layer.prefix}.convolution.bias_quantized`, [layer.outChannels], l.bias);
  return w.node({
    op: "QLinearConv",
    inputs: [params.input.name, ...params.input.qparams!, ...weightInputs(params), ...params.output, bias],
    attributes: convAttributes(params),
  });
}

/** The same layer in QDQ form: DequantizeLinear on input, weights and bias, a float Conv, QuantizeLinear on the output. */
export function emitQdqConv(
  params: Int8ConvParams & { input: GraphValue; output: readonly [string, string] },
): string {
  const { writer: w, layer, quantized: l } = params;
  const p = layer.prefix;
  const c = layer.outChannels;
  const x = w.node({ op: "DequantizeLinear", inputs: [params.input.name, ...params.input.qparams!] });
  const weight = w.node({ op: "DequantizeLinear", inputs: weightInputs(params), attributes: { axis: 0 } });
  const bias = w.node({
    op: "DequantizeLinear",
    inputs: [
      w.typedInitializer(`${p}.convolution.bias_quantized`, [c], l.bias),
      w.typedInitializer(
        `${p}.convolution.bias_scale`,
        [c],
        Float32Array.from(l.weightScale, (s) => params.inputScale * s),
      ),
      w.typedInitializer(`${p}.convolution.bias_zero_point`, [c], new Int32Array(c)),
    ],
    attributes: { axis: 0 },
  });
  const y = w.node({ op: "Conv", inputs: [x, weight, bias], attributes: convAttributes(params) });
  return w.node({ op: "QuantizeLinear", inputs: [y, ...params.output] });
}

/**
 * The layer in float32 on a float input, with its int8 weights and bias dequantized when the graph is
 * built, followed by the float activation: for the leading layers, where onnxruntime's int8 kernels are
 * slower than its float ones (few channels on large maps; see docs/int8.md).
 */
export function emitFloatConv(params: Int8ConvParams & { input: string; act: string }): string {
  const { writer: w, layer, quantized: l } = params;
  const k = layer.kernelSize;
  const weight = dequantizePerChannel({ data: l.weight, scale: l.weightScale });
  const bias = Float32Array.from(l.bias, (b, o) => b * params.inputScale * l.weightScale[o]!);
  const y = w.node({
    op: "Conv",
    inputs: [
      params.input,
      w.initializer(
        `${layer.prefix}.convolution.weight`,
        [layer.outChannels, layer.inChannels / layer.groups, k, k],
        weight,
      ),
      w.initializer(`${layer.prefix}.convolution.bias`, [layer.outChannels], bias),
    ],
    attributes: convAttributes(params),
  });
  return emitActivation({ writer: w, input: y, act: params.act });
}

/** The conv's attributes, exactly as the float graph's (TF "SAME" as SAME_UPPER, dilated layers padded explicitly). */
function convAttributes(params: Int8ConvParams) {
  const { kernelSize: k, dilation: d } = params.layer;
  return {
    kernel_shape: [k, k],
    strides: [params.layer.stride, params.layer.stride],
    group: params.layer.groups,
    ...(params.tfPadding && d === 1
      ? { auto_pad: "SAME_UPPER" }
      : { pads: Array<number>(4).fill((d * (k - 1)) / 2) }),
    ...(d > 1 ? { dilations: [d, d] } : {}),
  };
}

/** Weight initializers: int8 values [out, in / groups, k, k], per-channel scales and zero points (all 0). */
function weightInputs(params: Int8ConvParams): [string, string, string] {
  const { writer: w, layer, quantized: l } = params;
  const k = layer.kernelSize;
  const p = layer.prefix;
  return [
    w.typedInitializer(
      `${p}.convolution.weight_quantized`,
      [layer.outChannels, layer.inChannels / layer.groups, k, k],
      l.weight,
    ),
    w.typedInitializer(`${p}.convolution.weight_scale`, [layer.outChannels], l.weightScale),
    w.typedInitializer(
      `${p}.convolution.weight_zero_point`,
      [layer.outChannels],
      new Int8Array(layer.outChannels),
    ),
  ];
}
