/**
 * Strict parsing of the CLI's option values. `Number()` accepts `1e9`, `0x10`, `" 5 "` and `""` (as 0);
 * a command line that says something else than it means is refused here with a one-line UsageError
 * naming the option, before any model is loaded.
 */
import { UsageError } from "./exit-codes.js";

/**
 * Most labels `--top` may ask for: more than any classifier head has (ImageNet-21k has 21 843). A model
 * with fewer labels prints all of them.
 * @default 100000
 */
export const MAX_TOP = 100_000;

/**
 * Largest `--batch-size`: a batch of 224×224 images takes 0.6 MB each as float32, and the next batch is
 * decoded while one runs, so 256 keeps the peak near 300 MB; larger batches do not run faster on a CPU.
 * @default 256
 */
export const MAX_BATCH_SIZE = 256;

/**
 * Parses a positive decimal integer option value in [1, max].
 *
 * @throws UsageError naming the option and the value.
 * @example
 * positiveIntOption({ text: "5", option: "--top", max: MAX_TOP }) // 5
 */
export function positiveIntOption(params: { text: string; option: string; max: number }): number {
  const { text, option, max } = params;
  const n = /^[1-9][0-9]*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max) {
    throw new UsageError({
      option,
      message: `${JSON.stringify(text)} is not a whole number from 1 to ${max}`,
    });
  }
  return n;
}

/**
 * Refuses an empty string for an option that names something (a model, a revision, a folder): an empty
 * value would otherwise fall back to a default without a word.
 *
 * @throws UsageError naming the option.
 */
export function nonEmptyOption(params: { text: string | undefined; option: string }): void {
  if (params.text !== undefined && params.text.trim() === "") {
    throw new UsageError({ option: params.option, message: "must not be empty" });
  }
}

/**
 * Refuses an option that has no effect without another one (`--logits` without `--json`), so a
 * mistyped command does not silently do something else than asked.
 *
 * @throws UsageError naming both options.
 */
export function requireWith(params: {
  given: unknown;
  option: string;
  needs: boolean;
  needed: string;
}): void {
  if (params.given !== undefined && params.given !== false && !params.needs) {
    throw new UsageError({ option: params.option, message: `only works with ${params.needed}` });
  }
}

/**
 * Parses a whole number option value in [0, max] (`--seed 0` is a seed like any other).
 *
 * @throws UsageError naming the option and the value.
 * @example
 * nonNegativeIntOption({ text: "0", option: "--seed", max: 2 ** 32 - 1 }) // 0
 */
export function nonNegativeIntOption(params: { text: string; option: string; max: number }): number {
  const { text, option, max } = params;
  const n = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max) {
    throw new UsageError({
      option,
      message: `${JSON.stringify(text)} is not a whole number from 0 to ${max}`,
    });
  }
  return n;
}

/**
 * Parses a decimal number option value in [min, max) (or with `minExclusive` / `maxInclusive`): plain decimals
 * and exponents (`0.1`, `1e-4`), nothing `Number()` would also take (`0x10`, `" 5 "`, `""`, `Infinity`).
 *
 * @throws UsageError naming the option, the value and the range.
 * @example
 * decimalOption({ text: "0.2", option: "--val-split", min: 0, max: 1 }) // 0.2
 */
export function decimalOption(params: {
  text: string;
  option: string;
  min: number;
  max: number;
  /** Whether `min` itself is refused. @default false */
  minExclusive?: boolean;
  /** Whether `max` itself is allowed. @default false */
  maxInclusive?: boolean;
}): number {
  const { text, option, min, max } = params;
  const n = /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
  const above = params.minExclusive ? n > min : n >= min;
  const below = params.maxInclusive ? n <= max : n < max;
  if (!Number.isFinite(n) || !above || !below) {
    const range =
      `${params.minExclusive ? "above" : "from"} ${min} ` +
      `${params.maxInclusive ? "up to" : "to below"} ${max}`;
    throw new UsageError({ option, message: `${JSON.stringify(text)} is not a number ${range}` });
  }
  return n;
}
