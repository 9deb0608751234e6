import { describe, expect, test } from "vitest";
import { PRECISION_BITS, precomputeCoefficients } from "./coefficients.js";
import { PilResample, RESAMPLE_FILTERS } from "./filters.js";

describe("precomputeCoefficients (Pillow's precompute_coeffs + normalize_coeffs_8bpc)", () => {
  test("bilinear 4 → 2: support widened by the scale (antialiasing), weights in 22-bit fixed point", () => {
    const t = precomputeCoefficients({
      inSize: 4,
      outSize: 2,
      filter: RESAMPLE_FILTERS[PilResample.BILINEAR],
    });
    expect(t.ksize).toBe(5);
    expect([...t.bounds]).toEqual([0, 3, 1, 3]);
    expect([...t.weights]).toEqual([1797559, 1797559, 599186, 0, 0, 599186, 1797559, 1797559, 0, 0]);
  });

  test("padded tables hold the same weights at shifted positions", () => {
    for (const filter of Object.values(RESAMPLE_FILTERS)) {
      const t = precomputeCoefficients({ inSize: 37, outSize: 11, filter });
      for (let i = 0; i < 11; i++) {
        const real = [...t.weights.subarray(i * t.ksize, i * t.ksize + t.bounds[i * 2 + 1]!)];
        const shift = t.bounds[i * 2]! - t.padded!.start[i]!;
        const padded = [...t.padded!.weights.subarray(i * t.ksize, (i + 1) * t.ksize)];
        expect(padded.slice(shift, shift + real.length)).toEqual(real);
        expect(padded.filter((w, k) => (k < shift || k >= shift + real.length) && w !== 0)).toEqual([]);
        expect(t.padded!.start[i]! + t.ksize).toBeLessThanOrEqual(37);
      }
    }
  });

  test("weights of each output pixel sum to about 1 << 22 for every filter, up and down", () => {
    for (const filter of Object.values(RESAMPLE_FILTERS)) {
      for (const [inSize, outSize] of [
        [10, 3],
        [3, 10],
        [640, 341],
        [1, 7],
      ] as const) {
        const t = precomputeCoefficients({ inSize, outSize, filter });
        for (let i = 0; i < outSize; i++) {
          const sum = t.weights.subarray(i * t.ksize, (i + 1) * t.ksize).reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - (1 << PRECISION_BITS))).toBeLessThanOrEqual(t.ksize);
        }
      }
    }
  });
});
