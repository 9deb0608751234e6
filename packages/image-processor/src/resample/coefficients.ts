import type { ResampleFilter } from "./filters.js";

/**
 * Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc`: for each output pixel, the first input pixel it
 * reads and how many, and the weights in fixed point with 22 fractional bits.
 */
export interface CoefficientTable {
  /** Weights per output pixel (`ksize` slots each, unused slots 0). */
  readonly ksize: number;
  /** `[first, count]` per output pixel. */
  readonly bounds: Int32Array;
  /** Fixed-point weights, `ksize` per output pixel. */
  readonly weights: Int32Array;
  /**
   * The same sums with a fixed tap count for the fast kernels: output pixel `i` reads exactly `ksize`
   * inputs from `paddedStart[i]` with `paddedWeights` (the real weights moved over, zeros around them;
   * adding zero products leaves the integer sums unchanged). Absent when `inSize < ksize`.
   */
  readonly padded: { readonly start: Int32Array; readonly weights: Int32Array } | undefined;
}

/** `PRECISION_BITS = 32 - 8 - 2`: 8 bits for the value, 2 for overflow of filters with negative lobes. */
export const PRECISION_BITS = 22;
/** The rounding offset every accumulator starts from (`1 << (PRECISION_BITS - 1)`). */
export const ROUNDING_HALF = 1 << (PRECISION_BITS - 1);

const cache = new Map<string, CoefficientTable>();
const CACHE_LIMIT = 64;

/**
 * Coefficients to resample `inSize` pixels to `outSize` with `filter`, like Pillow without a box.
 * The support is widened by the scale when downsampling (antialiasing). Tables are cached.
 *
 * @example
 * const t = precomputeCoefficients({ inSize: 4, outSize: 2, filter: RESAMPLE_FILTERS[PilResample.BILINEAR] });
 * [...t.bounds] // [0, 3, 1, 3]: pixel 0 reads inputs 0..2, pixel 1 reads 1..3
 * [...t.weights] // [1797559, 1797559, 599186, 0, 0, 599186, 1797559, 1797559, 0, 0] (ksize 5, sums 2^22)
 */
export function precomputeCoefficients(params: {
  inSize: number;
  outSize: number;
  filter: ResampleFilter;
}): CoefficientTable {
  const key = `${params.filter.name}:${params.inSize}:${params.outSize}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const table = compute(params.inSize, params.outSize, params.filter);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, table);
  return table;
}

function compute(inSize: number, outSize: number, filter: ResampleFilter): CoefficientTable {
  // Pillow's box is (in0, in1) = (0, inSize); its float values are exact for any realistic size.
  const in0 = 0;
  const scale = (inSize - in0) / outSize;
  const filterscale = Math.max(scale, 1.0);
  const support = filter.support * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  const ss = 1.0 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    // `(int)` in C truncates toward zero; negative starts are clamped to 0 either way.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let ww = 0.0;
    for (let x = 0; x < xmax; x++) {
      const w = filter.kernel((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < ksize; x++) {
      let w = x < xmax ? k[x]! : 0;
      if (x < xmax && ww !== 0.0) w /= ww;
      // normalize_coeffs_8bpc: round half away from zero by adding ±0.5 and truncating.
      weights[xx * ksize + x] =
        w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS)) : Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return {
    ksize,
    bounds,
    weights,
    padded: inSize >= ksize ? pad(outSize, ksize, inSize, bounds, weights) : undefined,
  };
}

function pad(outSize: number, ksize: number, inSize: number, bounds: Int32Array, weights: Int32Array) {
  const start = new Int32Array(outSize);
  const padded = new Int32Array(outSize * ksize);
  for (let i = 0; i < outSize; i++) {
    const first = bounds[i * 2]!;
    const s = Math.min(first, inSize - ksize);
    start[i] = s;
    for (let t = 0; t < bounds[i * 2 + 1]!; t++) padded[i * ksize + first - s + t] = weights[i * ksize + t]!;
  }
  return { start, weights: padded };
}
