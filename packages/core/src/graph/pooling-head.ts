import type { OnnxGraphWriter } from "./onnx-writer.js";

/** TF-slim's `AvgPool_1a` kernel before `_reduced_kernel_size_for_small_input`. */
export const TF_SLIM_POOL_KERNEL = 7;
/** `slim.avg_pool2d`'s default stride, which mobilenet_v1 does not override. */
export const TF_SLIM_POOL_STRIDE = 2;

/**
 * Spatial size of each conv layer's output for an input of `size` pixels: every layer maps n to
 * ceil(n / stride), with TF "SAME" padding and with HF's symmetric padding alike (k = 3, pad 1, or k = 1).
 */
export function featureSize(params: { size: number; strides: readonly number[] }): number {
  return params.strides.reduce((n, s) => Math.ceil(n / s), params.size);
}

/**
 * TF-slim's pooling kernel: 7×7, shrunk per axis to the feature map when the map's size is known and
 * smaller (`_reduced_kernel_size_for_small_input`). With an unknown size TF-slim keeps 7×7, so do we.
 *
 * @example
 * tfSlimPoolKernel({ featureHeight: 5, featureWidth: 10 }) // [5, 7]
 */
export function tfSlimPoolKernel(params: {
  featureHeight?: number;
  featureWidth?: number;
}): [number, number] {
  const k = TF_SLIM_POOL_KERNEL;
  return [Math.min(params.featureHeight ?? k, k), Math.min(params.featureWidth ?? k, k)];
}

/** Output size of the VALID, stride-2 pool over `size` with `kernel`. */
export function tfSlimPooledSize(params: { size: number; kernel: number }): number {
  return Math.floor((params.size - params.kernel) / TF_SLIM_POOL_STRIDE) + 1;
}

/** Emits TF-slim's `AvgPool_1a` on the last feature map `input` [B, C, h, w]; returns the pooled map [B, C, h', w']. */
export function emitTfSlimAvgPool(params: {
  writer: OnnxGraphWriter;
  input: string;
  kernel: readonly [number, number];
}): string {
  return params.writer.node({
    op: "AveragePool",
    inputs: [params.input],
    attributes: {
      kernel_shape: [...params.kernel],
      strides: [TF_SLIM_POOL_STRIDE, TF_SLIM_POOL_STRIDE],
      auto_pad: "VALID",
    },
  });
}
