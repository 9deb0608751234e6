/**
 * Axis permutations between TensorFlow's kernel layouts and PyTorch's, the only arithmetic a converter
 * does on weights (values are copied, never changed), plus the identity batch norm of BN-folded models.
 */

import { InputError } from "@mobilenetv1/core";

/** A dense row-major float32 array with its shape, as every reader here returns it. */
export interface RawTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/**
 * Permutes the axes of a row-major tensor: output axis i is input axis `perm[i]` (numpy's transpose).
 *
 * @throws InputError when `perm` is not a permutation of the axes or `dims` do not describe `data`.
 * @example
 * transpose({ tensor: { dims: [2, 3], data }, perm: [1, 0] }).dims // [3, 2]
 */
export function transpose(params: { tensor: RawTensor; perm: readonly number[] }): RawTensor {
  const { dims, data } = params.tensor;
  const { perm } = params;
  if (perm.length !== dims.length || [...perm].sort().some((p, i) => p !== i)) {
    throw new InputError({ argument: "perm", value: perm, expected: `a permutation of ${dims.length} axes` });
  }
  // Indexing by dims that do not describe `data` would read past it (undefined → NaN) without a word.
  if (dims.reduce((a, b) => a * b, 1) !== data.length) {
    throw new InputError({
      argument: "tensor.dims",
      value: dims,
      expected: `dims whose product is the data's ${data.length} elements`,
    });
  }
  const outDims = perm.map((p) => dims[p]!);
  const inStrides = strides(dims);
  const outStrides = strides(outDims);
  const out = new Float32Array(data.length);
  const index = new Array<number>(dims.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let rest = o;
    let source = 0;
    for (let a = 0; a < outDims.length; a++) {
      index[a] = Math.floor(rest / outStrides[a]!);
      rest -= index[a]! * outStrides[a]!;
      source += index[a]! * inStrides[perm[a]!]!;
    }
    out[o] = data[source]!;
  }
  return { dims: outDims, data: out };
}

function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  return s;
}

/** TF/Keras conv kernel [kh, kw, in, out] → PyTorch [out, in, kh, kw] (HF's `np.transpose(a, (3, 2, 0, 1))`). */
export function hwioToOihw(kernel: RawTensor): RawTensor {
  return transpose({ tensor: kernel, perm: [3, 2, 0, 1] });
}

/** TF depthwise kernel [kh, kw, C, 1] → PyTorch grouped [C, 1, kh, kw] (HF's `np.transpose(a, (2, 3, 0, 1))`). */
export function depthwiseHwcmToHf(kernel: RawTensor): RawTensor {
  return transpose({ tensor: kernel, perm: [2, 3, 0, 1] });
}

/** TFLite CONV_2D filter [out, kh, kw, in] → PyTorch [out, in, kh, kw]. */
export function ohwiToOihw(kernel: RawTensor): RawTensor {
  return transpose({ tensor: kernel, perm: [0, 3, 1, 2] });
}

/** TFLite DEPTHWISE_CONV_2D filter [1, kh, kw, C] → PyTorch grouped [C, 1, kh, kw]. */
export function tfliteDepthwiseToHf(kernel: RawTensor): RawTensor {
  return transpose({ tensor: kernel, perm: [3, 0, 1, 2] });
}

/** A 1×1 conv kernel or dense matrix used as HF's Linear: [1, 1, C, N] or [C, N] → [N, C]. */
export function denseToLinear(kernel: RawTensor): RawTensor {
  const [c, n] = kernel.dims.slice(-2) as [number, number];
  return transpose({ tensor: { dims: [c, n], data: kernel.data }, perm: [1, 0] });
}

/**
 * The batch norm of a model whose batch norm was folded into its convolutions: weight 1, mean 0, and
 * running_var = 1 - eps so that sqrt(var + eps) = 1 — BN(x) = x + bias, the folded bias.
 * (float32(1 - 0.001) + 0.001 rounds to exactly 1 in float32, so the identity is exact.)
 */
export function identityBatchNorm(params: {
  bias: Float32Array;
  eps: number;
}): Record<"weight" | "bias" | "running_mean" | "running_var", Float32Array> {
  const c = params.bias.length;
  return {
    weight: new Float32Array(c).fill(1),
    bias: Float32Array.from(params.bias),
    running_mean: new Float32Array(c),
    running_var: new Float32Array(c).fill(1 - params.eps),
  };
}
