import { expect } from "vitest";
import type { RefTensor } from "./reference-forward.js";

/** A deterministic input in about [-1, 1] with fine and coarse structure, for graph-vs-reference tests. */
export function referencePattern(dims: number[]): RefTensor {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.8 + Math.cos(i * 0.011) * 0.2;
  return { dims, data };
}

/** Asserts equal dims and max |actual − expected| ≤ `atol`, naming `what` and the worst difference. */
export function expectCloseToReference(params: {
  actual: { dims: readonly number[]; data: Float32Array };
  expected: RefTensor;
  what: string;
  atol: number;
}): void {
  const { actual, expected, what } = params;
  expect(actual.dims, what).toEqual(expected.dims);
  let worst = 0;
  for (let i = 0; i < expected.data.length; i++)
    worst = Math.max(worst, Math.abs(actual.data[i]! - expected.data[i]!));
  expect(worst, `${what}: max |Δ| ${worst}`).toBeLessThanOrEqual(params.atol);
}
