/**
 * Bias correction (Nagel et al., "Data-Free Quantization", 2019): quantizing weights shifts each output
 * channel's mean by `Σ (w_q − w) · E[x]`, and after ReLU every input is ≥ 0, so these shifts do not
 * average out. Where batch norm amplified a small variation on a large mean (MobileNetV1's last
 * pointwise layer: γ/σ ≈ 9), the shift is most of the error. Subtracting it from the bias, with E[x] per
 * input channel measured on the calibration images, removes it. Padding is ignored (every tap is assumed
 * to see the mean), as in the paper.
 *
 * @returns the corrected float64 bias [out].
 * @example
 * // one 1×1 output channel over two inputs with means [2, 0]; the weight 0.3 was quantized to 0.25
 * biasCorrection({ weight: new Float64Array([0.3, 1]), quantized: new Int8Array([1, 4]), scale: new Float32Array([0.25]),
 *   bias: new Float64Array([0]), groups: 1, inputMeans: new Float64Array([2, 0]) })
 * // Float64Array [0.1]  (0 − (0.25 − 0.3) · 2)
 */
export function biasCorrection(params: {
  /** The float (folded) weights [out, in / groups, k, k]. */
  weight: Float64Array;
  /** Their int8 values. */
  quantized: Int8Array;
  /** Per-output-channel scales. */
  scale: Float32Array;
  /** The float (folded) bias [out]. */
  bias: Float64Array;
  /** The conv's groups: 1, or the channel count for a depthwise conv. */
  groups: number;
  /** Mean of each input channel over the calibration set. */
  inputMeans: Float64Array;
}): Float64Array {
  const { weight, quantized, scale, groups, inputMeans } = params;
  const out = params.bias.length;
  const perChannel = weight.length / out;
  const inPerGroup = inputMeans.length / groups;
  const taps = perChannel / inPerGroup;
  const corrected = Float64Array.from(params.bias);
  for (let o = 0; o < out; o++) {
    const firstInput = Math.floor(o / (out / groups)) * inPerGroup;
    let shift = 0;
    for (let j = 0; j < perChannel; j++) {
      const i = o * perChannel + j;
      shift += (quantized[i]! * scale[o]! - weight[i]!) * inputMeans[firstInput + Math.floor(j / taps)]!;
    }
    corrected[o]! -= shift;
  }
  return corrected;
}
