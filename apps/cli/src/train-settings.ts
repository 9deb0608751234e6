/**
 * `mobilenet train`'s options, as commander hands them over (text), and their strict parsing into the
 * numbers `trainClassifier` takes: every bad value is one UsageError naming the option and the value,
 * before the folder is read or any model loaded.
 */
import { stat } from "node:fs/promises";
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
  maxIter?: string;
  patience?: string;
  l2?: string;
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

/** The parsed numbers; an option not given stays absent, so @mobilenetv1/train's default applies. */
export interface TrainSettings {
  valSplit: number;
  seed: number;
  batchSize: number;
  maxIter?: number;
  patience?: number;
  l2?: number;
  classWeight?: "balanced";
}

/** Share of each class held out for validation by default, as the issue asks. @default 0.1 */
export const DEFAULT_VAL_SPLIT = 0.1;

/** Images per forward pass while extracting embeddings, as `extractEmbeddings`. @default 16 */
export const DEFAULT_TRAIN_BATCH_SIZE = 16;

/** Largest `--seed`: a 32-bit unsigned seed, what seeded generators take. @default 4294967295 */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Largest `--max-iter` and `--patience`: a head over ~1000 features converges in hundreds of iterations;
 * more than a million is a typo, not a plan.
 * @default 1000000
 */
export const MAX_ITERATIONS = 1_000_000;

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
 * parseTrainSettings({ options: { ...options, valSplit: "0.2", seed: "7", batchSize: "16" } })
 * // { valSplit: 0.2, seed: 7, batchSize: 16 }
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
  };
  if (options.maxIter !== undefined)
    settings.maxIter = positiveIntOption({
      text: options.maxIter,
      option: "--max-iter",
      max: MAX_ITERATIONS,
    });
  if (options.patience !== undefined)
    settings.patience = positiveIntOption({
      text: options.patience,
      option: "--patience",
      max: MAX_ITERATIONS,
    });
  if (options.l2 !== undefined)
    settings.l2 = decimalOption({
      text: options.l2,
      option: "--l2",
      min: 0,
      max: MAX_L2,
      maxInclusive: true,
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
