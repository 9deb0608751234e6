import type { CalibrationMethod } from "./int8-params.js";

/** Bins of every histogram: fine enough that the chosen clip is within 0.05% of the range. */
export const HISTOGRAM_BINS = 2048;

/**
 * A running histogram of a non-negative activation (a ReLU/ReLU6 output) over [0, hi]. When a value
 * above `hi` arrives, the range doubles and pairs of bins merge, so any number of batches can be added
 * in one pass without knowing the range in advance.
 *
 * @example
 * const h = new ActivationHistogram();
 * h.add(new Float32Array([0, 1, 2, 3, 100]));
 * h.clip({ method: "minmax" }) // 100
 * h.clip({ method: "percentile", percentile: 80 }) // ≈ 3 (the outlier is clipped)
 */
export class ActivationHistogram {
  readonly bins = new Float64Array(HISTOGRAM_BINS);
  /** Upper edge of the last bin. */
  hi = 0;
  /** The largest value seen. */
  max = 0;
  /** The smallest value seen (negative only if the activation is not a ReLU). */
  min = 0;
  count = 0;
  /** How many values were exactly 0 or below (a ReLU's zeros). */
  zeros = 0;

  /** Adds a batch of values. */
  add(data: Float32Array): void {
    let mx = -Infinity;
    let mn = Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
    this.max = this.count === 0 ? mx : Math.max(this.max, mx);
    this.min = this.count === 0 ? mn : Math.min(this.min, mn);
    if (this.hi === 0) this.hi = mx > 0 ? mx : 1e-6;
    while (mx > this.hi) this.grow();
    const n = HISTOGRAM_BINS;
    const k = n / this.hi;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v <= 0) {
        this.zeros++;
        this.bins[0]! += 1;
      } else this.bins[Math.min(n - 1, Math.floor(v * k))]! += 1;
    }
    this.count += data.length;
  }

  /**
   * The float clip value the method chooses (the activation's quantized range is then [0, clip]).
   * @param params.percentile for `"percentile"`. @default 99.999
   */
  clip(params: { method: CalibrationMethod; percentile?: number }): number {
    if (params.method === "minmax" || this.max <= 0) return Math.max(this.max, 0);
    if (params.method === "percentile")
      return Math.min(this.max, this.percentileEdge(params.percentile ?? 99.999));
    return this.mseClip();
  }

  private grow(): void {
    const n = HISTOGRAM_BINS;
    for (let i = 0; i < n / 2; i++) this.bins[i] = this.bins[2 * i]! + this.bins[2 * i + 1]!;
    this.bins.fill(0, n / 2);
    this.hi *= 2;
  }

  private percentileEdge(percentile: number): number {
    const target = (this.count * percentile) / 100;
    let cumulative = 0;
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      cumulative += this.bins[b]!;
      if (cumulative >= target) return ((b + 1) * this.hi) / HISTOGRAM_BINS;
    }
    return this.hi;
  }

  /**
   * Expected squared error of quantizing to 255 steps over [0, c], for every bin edge c from the 99th
   * percentile up to the maximum: values below c get rounding noise step²/12, values above c are clipped
   * to c. Exact zeros (most of a ReLU's output) are exact at any scale and left out.
   */
  private mseClip(): number {
    const n = HISTOGRAM_BINS;
    const width = this.hi / n;
    const last = Math.min(n, Math.ceil(this.max / width));
    const first = Math.max(1, Math.floor(this.percentileEdge(99) / width));
    // Suffix sums of count, count·x and count·x² give each candidate's clipping error in O(1).
    const s0 = new Float64Array(n + 1);
    const s1 = new Float64Array(n + 1);
    const s2 = new Float64Array(n + 1);
    for (let b = n - 1; b >= 0; b--) {
      const x = (b + 0.5) * width;
      const count = b === 0 ? this.bins[0]! - this.zeros : this.bins[b]!;
      s0[b] = s0[b + 1]! + count;
      s1[b] = s1[b + 1]! + count * x;
      s2[b] = s2[b + 1]! + count * x * x;
    }
    let best = this.max;
    let bestError = Infinity;
    for (let edge = first; edge <= last; edge++) {
      const c = edge * width;
      const step = c / 255;
      const clipped = s2[edge]! - 2 * c * s1[edge]! + c * c * s0[edge]!;
      const error = ((s0[0]! - s0[edge]!) * step * step) / 12 + clipped;
      if (error < bestError) {
        bestError = error;
        best = Math.min(c, this.max);
      }
    }
    return best;
  }
}
