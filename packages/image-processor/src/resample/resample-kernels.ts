/**
 * The inner loops of Pillow's 8-bit resampling passes, written out for V8: sums start at
 * `ROUNDING_HALF`, add `pixel * weight` in integers, shift right by `PRECISION_BITS` and clip to 0..255,
 * like `ImagingResampleHorizontal_8bpc` / `ImagingResampleVertical_8bpc`. Integer addition is exact in
 * any order, so unrolled and zero-padded loops give Pillow's bytes. The common tap counts (3 for
 * upscaling bilinear, 5 for bilinear down to 1/2 or bicubic up, 7) have straight-line versions: that is
 * what makes the default 640×480 → 224×224 path fast.
 */
import { PRECISION_BITS, ROUNDING_HALF } from "./coefficients.js";

const H = ROUNDING_HALF;
const B = PRECISION_BITS;

function clip8(v: number): number {
  // biome-ignore lint/complexity/useMathMinMax: two compares inline better than Math.min/max in the hot loops
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Horizontal pass over interleaved RGB with a padded table (`ksize` taps from `start[x]`). */
export function horizontalRgbPadded(p: {
  data: Uint8Array;
  width: number;
  rowFirst: number;
  rowLast: number;
  x0: number;
  x1: number;
  ksize: number;
  start: Int32Array;
  weights: Int32Array;
  out: Uint8Array;
}): void {
  const { data, width, rowFirst, rowLast, x0, x1, ksize, start, weights, out } = p;
  let o = 0;
  for (let y = rowFirst; y < rowLast; y++) {
    const rowStart = y * width * 3;
    if (ksize === 5) {
      for (let x = x0; x < x1; x++) {
        const q = rowStart + start[x]! * 3;
        const w = x * 5;
        const k0 = weights[w]!,
          k1 = weights[w + 1]!,
          k2 = weights[w + 2]!,
          k3 = weights[w + 3]!,
          k4 = weights[w + 4]!;
        out[o++] = clip8(
          (H +
            data[q]! * k0 +
            data[q + 3]! * k1 +
            data[q + 6]! * k2 +
            data[q + 9]! * k3 +
            data[q + 12]! * k4) >>
            B,
        );
        out[o++] = clip8(
          (H +
            data[q + 1]! * k0 +
            data[q + 4]! * k1 +
            data[q + 7]! * k2 +
            data[q + 10]! * k3 +
            data[q + 13]! * k4) >>
            B,
        );
        out[o++] = clip8(
          (H +
            data[q + 2]! * k0 +
            data[q + 5]! * k1 +
            data[q + 8]! * k2 +
            data[q + 11]! * k3 +
            data[q + 14]! * k4) >>
            B,
        );
      }
    } else if (ksize === 3) {
      for (let x = x0; x < x1; x++) {
        const q = rowStart + start[x]! * 3;
        const w = x * 3;
        const k0 = weights[w]!,
          k1 = weights[w + 1]!,
          k2 = weights[w + 2]!;
        out[o++] = clip8((H + data[q]! * k0 + data[q + 3]! * k1 + data[q + 6]! * k2) >> B);
        out[o++] = clip8((H + data[q + 1]! * k0 + data[q + 4]! * k1 + data[q + 7]! * k2) >> B);
        out[o++] = clip8((H + data[q + 2]! * k0 + data[q + 5]! * k1 + data[q + 8]! * k2) >> B);
      }
    } else {
      for (let x = x0; x < x1; x++) {
        let q = rowStart + start[x]! * 3;
        let w = x * ksize;
        let s0 = H,
          s1 = H,
          s2 = H;
        for (let t = 0; t < ksize; t++, q += 3) {
          const k = weights[w++]!;
          s0 += data[q]! * k;
          s1 += data[q + 1]! * k;
          s2 += data[q + 2]! * k;
        }
        out[o++] = clip8(s0 >> B);
        out[o++] = clip8(s1 >> B);
        out[o++] = clip8(s2 >> B);
      }
    }
  }
}

/** Horizontal pass for any channel count with Pillow's own bounds (small images, 1, 2 or 4 channels). */
export function horizontalGeneric(p: {
  data: Uint8Array;
  width: number;
  channels: number;
  rowFirst: number;
  rowLast: number;
  x0: number;
  x1: number;
  ksize: number;
  bounds: Int32Array;
  weights: Int32Array;
  out: Uint8Array;
}): void {
  const { data, width, channels, rowFirst, rowLast, x0, x1, ksize, bounds, weights, out } = p;
  let o = 0;
  for (let y = rowFirst; y < rowLast; y++) {
    const rowStart = y * width * channels;
    for (let x = x0; x < x1; x++) {
      const n = bounds[x * 2 + 1]!;
      const first = rowStart + bounds[x * 2]! * channels;
      for (let c = 0; c < channels; c++) {
        let s = H;
        for (let t = 0, q = first + c; t < n; t++, q += channels) s += data[q]! * weights[x * ksize + t]!;
        out[o++] = clip8(s >> B);
      }
    }
  }
}

/**
 * Vertical pass: output row `y` (of `y0..y1`) sums `count[y]` rows of `rows` (row `r` of the source is
 * at `(r - rowsOffset) * rowLength`) from `first[y]` with `weights[y * ksize + t]`.
 */
export function verticalPass(p: {
  rows: Uint8Array;
  rowsOffset: number;
  rowLength: number;
  y0: number;
  y1: number;
  ksize: number;
  first: (y: number) => number;
  count: (y: number) => number;
  weights: Int32Array;
  out: Uint8Array;
}): void {
  const { rows, rowsOffset, rowLength: L, y0, y1, ksize, weights, out } = p;
  let o = 0;
  for (let y = y0; y < y1; y++) {
    const n = p.count(y);
    const b = (p.first(y) - rowsOffset) * L;
    const w = y * ksize;
    if (n === 5) {
      const k0 = weights[w]!,
        k1 = weights[w + 1]!,
        k2 = weights[w + 2]!,
        k3 = weights[w + 3]!,
        k4 = weights[w + 4]!;
      for (let i = b, e = b + L; i < e; i++) {
        out[o++] = clip8(
          (H +
            rows[i]! * k0 +
            rows[i + L]! * k1 +
            rows[i + 2 * L]! * k2 +
            rows[i + 3 * L]! * k3 +
            rows[i + 4 * L]! * k4) >>
            B,
        );
      }
    } else if (n === 3) {
      const k0 = weights[w]!,
        k1 = weights[w + 1]!,
        k2 = weights[w + 2]!;
      for (let i = b, e = b + L; i < e; i++)
        out[o++] = clip8((H + rows[i]! * k0 + rows[i + L]! * k1 + rows[i + 2 * L]! * k2) >> B);
    } else {
      for (let i = b, e = b + L; i < e; i++) {
        let s = H;
        for (let t = 0, q = i; t < n; t++, q += L) s += rows[q]! * weights[w + t]!;
        out[o++] = clip8(s >> B);
      }
    }
  }
}
