/**
 * The conformance cases and their expected outputs. The expected numbers are checked against an
 * independent plain-TypeScript forward pass in core's own tests (conformance-goldens.test.ts), so a
 * backend that matches them matches HF's arithmetic.
 */
export interface ConformanceCase {
  readonly name: string;
  readonly tfPadding: boolean;
  readonly inputDims: readonly [number, number, number, number];
  /** Expected logits, row-major [B, 4]. */
  readonly logits: readonly number[];
  /** Expected pooler output's first 4 values of each row. */
  readonly poolerHead: readonly number[];
  /** Expected spatial size of hidden state 25 (and so of last_hidden_state). */
  readonly lastSpatial: readonly [number, number];
}

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  {
    name: "tf padding, 2×3×33×47",
    tfPadding: true,
    inputDims: [2, 3, 33, 47],
    logits: [
      -0.12792596, -0.088987231, -0.10616219, -0.49587992, -0.020510081, -0.24610934, -0.14015701,
      -0.50351101,
    ],
    poolerHead: [0, 0, 0, 0.13115485, 0, 0, 0, 0.13432421],
    lastSpatial: [2, 2],
  },
  {
    name: "tf padding, 1×3×65×64",
    tfPadding: true,
    inputDims: [1, 3, 65, 64],
    logits: [-1.0603077, 0.21416618, -0.1845957, -1.5429127],
    poolerHead: [0.14701074, 0, 0.16363101, 0.13161817],
    lastSpatial: [3, 2],
  },
  {
    name: "symmetric padding, 1×3×32×32",
    tfPadding: false,
    inputDims: [1, 3, 32, 32],
    logits: [-0.14283867, -0.4625484, 0.12290537, -0.29985029],
    poolerHead: [0, 0, 0, 0],
    lastSpatial: [1, 1],
  },
];
