/**
 * Pillow's resampling filters (`src/libImaging/Resample.c`), evaluated in float64 with the same operation
 * order as the C code so the coefficient tables, hence the fixed-point weights, come out identical.
 * Two theoretical gaps, never seen in the goldens: `Math.sin`/`Math.cos` (hamming, lanczos) may differ
 * from glibc's in the last bit, and a Pillow built for a CPU with FMA may contract the bicubic polynomial;
 * either changes a 22-bit weight only if a coefficient lies within ~1e-9 of a rounding boundary.
 */

/** PIL's resampling codes (`PIL.Image.Resampling`), as stored in `preprocessor_config.json` "resample". */
export const PilResample = {
  NEAREST: 0,
  LANCZOS: 1,
  BILINEAR: 2,
  BICUBIC: 3,
  BOX: 4,
  HAMMING: 5,
} as const;

/** One of {@link PilResample}'s codes. */
export type PilResampleCode = (typeof PilResample)[keyof typeof PilResample];

/** A convolution filter: the kernel and its half-width at scale 1. */
export interface ResampleFilter {
  readonly name: string;
  readonly support: number;
  kernel(x: number): number;
}

function boxKernel(x: number): number {
  return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
}

function bilinearKernel(x: number): number {
  const ax = x < 0.0 ? -x : x;
  return ax < 1.0 ? 1.0 - ax : 0.0;
}

// `0.54f + 0.46f * cos(x)` in C: the constants are float literals, so they are rounded to float32 first.
const HAMMING_A = Math.fround(0.54);
const HAMMING_B = Math.fround(0.46);

function hammingKernel(x: number): number {
  let ax = x < 0.0 ? -x : x;
  if (ax === 0.0) return 1.0;
  if (ax >= 1.0) return 0.0;
  ax = ax * Math.PI;
  return (Math.sin(ax) / ax) * (HAMMING_A + HAMMING_B * Math.cos(ax));
}

function bicubicKernel(x: number): number {
  // a = -0.5 (Keys); the expressions keep the C grouping: ((a + 2) * x - (a + 3)) * x * x + 1.
  const a = -0.5;
  const ax = x < 0.0 ? -x : x;
  if (ax < 1.0) return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
  if (ax < 2.0) return (((ax - 5) * ax + 8) * ax - 4) * a;
  return 0.0;
}

function sinc(x: number): number {
  if (x === 0.0) return 1.0;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczosKernel(x: number): number {
  return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
}

/** The convolution filters by PIL code (NEAREST is not a convolution: see `resize-nearest.ts`). */
export const RESAMPLE_FILTERS: Readonly<Record<Exclude<PilResampleCode, 0>, ResampleFilter>> = {
  [PilResample.BOX]: { name: "box", support: 0.5, kernel: boxKernel },
  [PilResample.BILINEAR]: { name: "bilinear", support: 1.0, kernel: bilinearKernel },
  [PilResample.HAMMING]: { name: "hamming", support: 1.0, kernel: hammingKernel },
  [PilResample.BICUBIC]: { name: "bicubic", support: 2.0, kernel: bicubicKernel },
  [PilResample.LANCZOS]: { name: "lanczos", support: 3.0, kernel: lanczosKernel },
};

/** Whether `value` is one of PIL's six resampling codes. */
export function isPilResampleCode(value: unknown): value is PilResampleCode {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 5;
}
