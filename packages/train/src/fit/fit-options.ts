import { InputError } from "@mobilenetv1/core";
import type { FitOptions } from "../types.js";

/** The fitter's defaults: sklearn's `LogisticRegression()` where it has the same knob. */
export const FIT_DEFAULTS = {
  /** sklearn's C = 1. */
  l2: 1,
  valSplit: 0.1,
  seed: 0,
  /** sklearn's `max_iter`. */
  maxIter: 100,
  /** sklearn's `tol` (scipy's `pgtol`): the largest gradient component at which the fit has converged. */
  tol: 1e-4,
} as const;

/** Most iterations accepted: far beyond what L-BFGS needs here; bounds a run a typo would make endless. */
export const MAX_ITER_LIMIT = 100_000;

/** {@link FitOptions}' numbers with defaults filled in and checked. */
export interface ResolvedFitNumbers {
  l2: number;
  valSplit: number;
  seed: number;
  maxIter: number;
  /** Undefined: no early stopping. */
  patience: number | undefined;
  tol: number;
}

function integerIn(argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError({ argument, value, expected: `an integer from ${min} to ${max}` });
  }
  return value;
}

/**
 * Fills in defaults and checks the numeric options.
 * @throws InputError naming the option: `l2` or `tol` not positive and finite, `valSplit` outside [0, 1), `seed` not
 *   a safe integer, `maxIter` / `patience` not positive integers, `onProgress` not a function.
 */
export function resolveFitNumbers(options: FitOptions): ResolvedFitNumbers {
  const l2 = options.l2 ?? FIT_DEFAULTS.l2;
  if (typeof l2 !== "number" || !Number.isFinite(l2) || l2 <= 0) {
    throw new InputError({
      argument: "l2",
      value: l2,
      expected: "a positive finite number (1 / sklearn's C)",
    });
  }
  const tol = options.tol ?? FIT_DEFAULTS.tol;
  if (typeof tol !== "number" || !Number.isFinite(tol) || tol <= 0) {
    throw new InputError({ argument: "tol", value: tol, expected: "a positive finite number" });
  }
  const valSplit = options.valSplit ?? FIT_DEFAULTS.valSplit;
  if (typeof valSplit !== "number" || !(valSplit >= 0 && valSplit < 1)) {
    throw new InputError({ argument: "valSplit", value: valSplit, expected: "a number in [0, 1)" });
  }
  const seed = integerIn(
    "seed",
    options.seed ?? FIT_DEFAULTS.seed,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  );
  const maxIter = integerIn("maxIter", options.maxIter ?? FIT_DEFAULTS.maxIter, 1, MAX_ITER_LIMIT);
  const patience =
    options.patience === undefined ? undefined : integerIn("patience", options.patience, 1, MAX_ITER_LIMIT);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InputError({ argument: "onProgress", value: options.onProgress, expected: "a function" });
  }
  return { l2, valSplit, seed, maxIter, patience, tol };
}

/** A seed's 64-bit-ish value folded to 32 bits, so seeds differing only above bit 32 still differ. */
export function seed32(seed: number): number {
  const high = Math.floor(seed / 2 ** 32);
  return ((seed >>> 0) ^ Math.imul(high | 0, 0x27d4eb2d)) >>> 0;
}
