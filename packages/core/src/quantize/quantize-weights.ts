const INT8_LIMIT = 127;
const INT32_MAX = 2 ** 31 - 1;

/**
 * Symmetric per-output-channel int8 quantization: each channel's scale is its largest |w| / 127, values
 * round to the nearest level in [-127, 127] (−128 is left out, so the range is symmetric and negating a
 * weight is exact). A channel of zeros gets scale 1 and stays zero.
 *
 * @returns int8 values in the input's layout and one float32 scale per channel.
 * @example
 * quantizePerChannel({ weight: new Float64Array([0.5, -1, 0.25, 0.125]), channels: 2 })
 * // { data: Int8Array [64, -127, 127, 64], scale: Float32Array [1 / 127, 0.25 / 127] }
 */
export function quantizePerChannel(params: {
  /** Row-major weights whose first axis is the output channel. */
  weight: Float64Array | Float32Array;
  /** Number of output channels (the first axis). */
  channels: number;
}): { data: Int8Array; scale: Float32Array } {
  const { weight, channels } = params;
  const perChannel = weight.length / channels;
  const data = new Int8Array(weight.length);
  const scale = new Float32Array(channels);
  for (let o = 0; o < channels; o++) {
    let maxAbs = 0;
    for (let i = o * perChannel; i < (o + 1) * perChannel; i++)
      maxAbs = Math.max(maxAbs, Math.abs(weight[i]!));
    const s = Math.fround(maxAbs > 0 ? maxAbs / INT8_LIMIT : 1);
    scale[o] = s;
    for (let i = o * perChannel; i < (o + 1) * perChannel; i++) {
      data[i] = clamp(roundHalfEven(weight[i]! / s), -INT8_LIMIT, INT8_LIMIT);
    }
  }
  return { data, scale };
}

/**
 * A bias in QLinearConv's units: `round(b / (inputScale · weightScale[o]))` as int32 (ONNX's rule, so
 * the int32 accumulator adds it directly). Scales are the float32 values the graph holds.
 *
 * @example
 * quantizeBias({ bias: new Float64Array([0.5]), inputScale: 0.25, weightScale: new Float32Array([0.5]) })
 * // Int32Array [4]
 */
export function quantizeBias(params: {
  bias: Float64Array | Float32Array;
  inputScale: number;
  weightScale: Float32Array;
}): Int32Array {
  const out = new Int32Array(params.bias.length);
  for (let o = 0; o < out.length; o++) {
    const s = Math.fround(params.inputScale) * params.weightScale[o]!;
    out[o] = clamp(roundHalfEven(params.bias[o]! / s), -INT32_MAX, INT32_MAX);
  }
  return out;
}

/** Per-channel dequantization: `scale[o] · q`, as float32 (what DequantizeLinear with axis 0 computes). */
export function dequantizePerChannel(params: { data: Int8Array; scale: Float32Array }): Float32Array {
  const perChannel = params.data.length / params.scale.length;
  const out = new Float32Array(params.data.length);
  for (let i = 0; i < out.length; i++) out[i] = params.scale[Math.floor(i / perChannel)]! * params.data[i]!;
  return out;
}

/** Rounds to the nearest integer, ties to even (ONNX QuantizeLinear's rounding). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
