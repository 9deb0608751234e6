/**
 * `mobilenet train`'s options, as commander hands them over (text), and their strict parsing into the
 * numbers `trainClassifier` takes: every bad value is one UsageError naming the option and the value,
 * before the folder is read or any model loaded.
 */
import { stat } from "node:fs/promises";
import { DEFAULT_EXTRACT_BATCH_SIZE, FIT_DEFAULTS } from "@mobilenetv1/train";
import { UsageError } from "./exit-codes.js";
import {
  decimalOption,
  MAX_BATCH_SIZE,
  nonEmptyOption,
  nonNegativeIntOption,
  positiveIntOption,
} from "./option-values.js";

/** Options of `mobilenet train`, as commander parses them (numbers still as text). */
export interface TrainOptions {
  model: string;
  out: string;
  valSplit: string;
  seed: string;
  maxIter: string;
  patience?: string;
  l2: string;
  classWeight?: "balanced";
  batchSize: string;
  backend: string;
  revision?: string;
  cacheDir?: string;
  offline?: boolean;
  json?: boolean;
  force?: boolean;
  /** False with `--no-progress`. */
  progress?: boolean;
}

/** The parsed values, as `trainClassifier` takes them. */
export interface TrainSettings {
  valSplit: number;
  seed: number;
  batchSize: number;
  maxIter: number;
  /** Absent: no early stopping (the library's default). */
  patience?: number;
  l2: number;
  classWeight?: "balanced";
}

/**
 * The defaults `--help` shows: @mobilenetv1/train's own (sklearn's `LogisticRegression()` where it has the
 * knob), so the CLI and the library train the same head.
 */
export const TRAIN_OPTION_DEFAULTS = {
  valSplit: String(FIT_DEFAULTS.valSplit),
  seed: String(FIT_DEFAULTS.seed),
  maxIter: String(FIT_DEFAULTS.maxIter),
  l2: String(FIT_DEFAULTS.l2),
  batchSize: String(DEFAULT_EXTRACT_BATCH_SIZE),
} as const;

/** Largest `--seed`: a 32-bit unsigned seed, what seeded generators take. @default 4294967295 */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Largest `--max-iter` and `--patience`, @mobilenetv1/train's own limit: L-BFGS on a head over ~1000
 * features converges in hundreds of iterations; more is a typo, not a plan.
 * @default 100000
 */
export const MAX_ITERATIONS = 100_000;

/**
 * Largest `--l2`: far past the point where every weight is zero.
 * @default 1000000
 */
export const MAX_L2 = 1_000_000;

/**
 * Parses and checks every option of `mobilenet train`.
 *
 * @throws UsageError naming the option and its value.
 * @example
 * parseTrainSettings({ options: { ...options, valSplit: "0.2", seed: "7" } })
 * // { valSplit: 0.2, seed: 7, batchSize: 16, maxIter: 100, l2: 1 }
 */
export function parseTrainSettings(params: { options: TrainOptions }): TrainSettings {
  const { options } = params;
  for (const [option, text] of [
    ["--model", options.model],
    ["--out", options.out],
    ["--revision", options.revision],
    ["--cache-dir", options.cacheDir],
  ] as const)
    nonEmptyOption({ text, option });
  const settings: TrainSettings = {
    valSplit: decimalOption({ text: options.valSplit, option: "--val-split", min: 0, max: 1 }),
    seed: nonNegativeIntOption({ text: options.seed, option: "--seed", max: MAX_SEED }),
    batchSize: positiveIntOption({ text: options.batchSize, option: "--batch-size", max: MAX_BATCH_SIZE }),
    maxIter: positiveIntOption({ text: options.maxIter, option: "--max-iter", max: MAX_ITERATIONS }),
    // The penalty must be positive: with none, separable classes (the usual few-shot case) send the
    // weights to infinity.
    l2: decimalOption({
      text: options.l2,
      option: "--l2",
      min: 0,
      minExclusive: true,
      max: MAX_L2,
      maxInclusive: true,
    }),
  };
  if (options.patience !== undefined)
    settings.patience = positiveIntOption({
      text: options.patience,
      option: "--patience",
      max: MAX_ITERATIONS,
    });
  if (options.classWeight !== undefined) settings.classWeight = options.classWeight;
  return settings;
}

/**
 * Checks the training folder argument: it must exist and be a folder (one subfolder per class).
 *
 * @throws UsageError (exit 2) naming the path: missing, or not a folder.
 */
export async function checkTrainingFolder(params: { folder: string }): Promise<void> {
  const { folder } = params;
  nonEmptyOption({ text: folder, option: "<folder>" });
  // stat, not lstat: a link to a folder is a folder.
  const info = await stat(folder).catch(() => undefined);
  const expected = "expected a folder with one subfolder of images per class";
  if (!info) throw new UsageError({ option: "<folder>", message: `${folder}: no such folder: ${expected}` });
  if (!info.isDirectory())
    throw new UsageError({ option: "<folder>", message: `${folder} is not a folder: ${expected}` });
}
