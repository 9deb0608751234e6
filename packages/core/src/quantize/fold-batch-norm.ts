/**
 * Folds an inference-mode batch norm into the convolution before it, in float64:
 * `w' = w · γ / √(σ² + ε)` per output channel and `b' = β − μ · γ / √(σ² + ε)`. The conv has no bias of
 * its own (HF's MobileNetV1ConvLayer uses `bias=False`), so `b'` is the whole bias.
 *
 * @returns float64 weights in the conv's layout [out, in / groups, k, k] and the bias [out].
 * @example
 * const { weight, bias } = foldBatchNorm({
 *   weight: new Float32Array([1, 2]), gamma: new Float32Array([2]), beta: new Float32Array([1]),
 *   mean: new Float32Array([0.5]), variance: new Float32Array([3]), eps: 1,
 * });
 * weight // Float64Array [1, 2]; bias // Float64Array [0.5]
 */
export function foldBatchNorm(params: {
  /** The conv weights [out, …], row-major. */
  weight: Float32Array;
  /** Batch norm's weight γ [out]. */
  gamma: Float32Array;
  /** Batch norm's bias β [out]. */
  beta: Float32Array;
  /** Running mean μ [out]. */
  mean: Float32Array;
  /** Running variance σ² [out]. */
  variance: Float32Array;
  /** The config's `layer_norm_eps` (HF passes it to BatchNorm2d as `eps`). */
  eps: number;
}): { weight: Float64Array; bias: Float64Array } {
  const out = params.gamma.length;
  const perChannel = params.weight.length / out;
  const weight = new Float64Array(params.weight.length);
  const bias = new Float64Array(out);
  // PyTorch adds eps to the variance in float32 (the buffers' dtype); the rest is done in float64.
  const eps = Math.fround(params.eps);
  for (let o = 0; o < out; o++) {
    const factor = params.gamma[o]! / Math.sqrt(Math.fround(params.variance[o]! + eps));
    bias[o] = params.beta[o]! - params.mean[o]! * factor;
    for (let i = o * perChannel; i < (o + 1) * perChannel; i++) weight[i] = params.weight[i]! * factor;
  }
  return { weight, bias };
}
