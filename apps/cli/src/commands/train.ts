/**
 * `mobilenet train <folder> --out <dir>`: teaches a backbone new classes. The folder holds one subfolder
 * of images per class (HF datasets' `imagefolder` layout); every image goes through the backbone once
 * (`image-feature-extraction`, pooled), a linear head is fitted on the embeddings, and the backbone with
 * the new head is written as an HF folder (config.json, model.safetensors, preprocessor_config.json) that
 * `mobilenet classify --model <dir>`, the pipeline and Python's transformers load.
 *
 * Unreadable images are skipped with one warning line each on stderr (and listed in the report), not
 * refused: one corrupt file in a folder of thousands should not cost the run. A folder where no image of
 * a class can be read fails in @mobilenetv1/train with its typed error.
 */
import { resolve } from "node:path";
import { conversionImageProcessor } from "@mobilenetv1/convert";
import type { LoadWarning } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { DEFAULT_IMAGE_CLASSIFICATION_MODEL, pipeline } from "@mobilenetv1/pipeline";
import { type ClassifierHead, trainClassifier } from "@mobilenetv1/train";
import { readImageFolder } from "@mobilenetv1/train/image-folder";
import { type Command, Option } from "commander";
import { CLI_BACKENDS, loadBackend } from "../backends.js";
import { writeStderr, writeStdout } from "../closed-output.js";
import { prepareOutFolder, TRAINING_REPORT_FILE } from "../train-out-folder.js";
import { createTrainProgress, progressMode } from "../train-progress.js";
import { classCounts, formatTrainReport, skippedImageWarning, type TrainReport } from "../train-report.js";
import {
  checkTrainingFolder,
  parseTrainSettings,
  TRAIN_OPTION_DEFAULTS,
  type TrainOptions,
  type TrainSettings,
} from "../train-settings.js";

/**
 * Adds `train` to the `mobilenet` program.
 *
 * @example
 * registerTrainCommand(program); // then: mobilenet train ./pets --out ./pets-model
 */
export function registerTrainCommand(program: Command): void {
  program
    .command("train")
    .description(
      "teach new classes: fit a classifier head on a folder with one subfolder of images per class, " +
        "and write a model `classify --model` loads",
    )
    .argument("<folder>", "training images: one subfolder per class (HF datasets' imagefolder layout)")
    .option(
      "-m, --model <id|dir>",
      "backbone: hub repo id or local folder",
      DEFAULT_IMAGE_CLASSIFICATION_MODEL,
    )
    .requiredOption(
      "-o, --out <dir>",
      "folder to write the trained model to (config.json, model.safetensors, preprocessor_config.json)",
    )
    .option(
      "--val-split <fraction>",
      "share of each class held out for validation and early stopping, from 0 (none) to below 1",
      TRAIN_OPTION_DEFAULTS.valSplit,
    )
    .option("--seed <N>", "seed of the train/validation split", TRAIN_OPTION_DEFAULTS.seed)
    .option("--max-iter <N>", "most L-BFGS iterations of the fit", TRAIN_OPTION_DEFAULTS.maxIter)
    .option(
      "--patience <N>",
      "early stopping: stop after N iterations without a better validation loss and keep the best head " +
        "(default: off, the fit runs to convergence or --max-iter, as sklearn)",
    )
    .option(
      "--l2 <X>",
      "L2 penalty on the head's weights (1 / sklearn's C), above 0",
      TRAIN_OPTION_DEFAULTS.l2,
    )
    .addOption(
      new Option("--class-weight <mode>", "weigh each class by the inverse of its image count").choices([
        "balanced",
      ]),
    )
    .option("--batch-size <N>", "images per forward pass while extracting", TRAIN_OPTION_DEFAULTS.batchSize)
    .addOption(
      new Option("-b, --backend <name>", "where the backbone runs").choices(CLI_BACKENDS).default("node"),
    )
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N of --model")
    .option("--cache-dir <dir>", "hub cache folder (default: huggingface_hub's)")
    .option("--offline", "use cached files only")
    .option("--json", "print the report as one JSON object")
    .option("--force", "replace an existing --out folder that holds only model files")
    .option("--no-progress", "no progress on stderr (bars on a terminal, else a line per ~10 %)")
    .action(async (folder: string, options: TrainOptions) => {
      await trainCommand({ folder, options });
    });
}

/**
 * Runs `mobilenet train`: checks every option and the folders, reads the class folders, trains, writes
 * `--out` atomically, and prints the report (text, or one JSON object with `--json`).
 *
 * @throws UsageError (exit 2) for a bad option value, a missing training folder, a refused `--out`;
 *   @mobilenetv1/train's TRAIN_* errors (exit 4) for a folder it cannot train on.
 * @example
 * const report = await trainCommand({
 *   folder: "./pets",
 *   options: { ...TRAIN_OPTION_DEFAULTS, model: "google/mobilenet_v1_0.25_224", out: "./pets-model", backend: "node" },
 * });
 * report.classes // [{ name: "cat", images: 40, train: 36, validation: 4 }, { name: "dog", … }]
 */
export async function trainCommand(params: {
  folder: string;
  options: TrainOptions;
  write?: (s: string) => void;
}): Promise<TrainReport> {
  const { folder, options } = params;
  const write = params.write ?? writeStdout;
  const settings = parseTrainSettings({ options });
  await checkTrainingFolder({ folder });
  const dataset = await readImageFolder({ dir: folder });
  const out = await prepareOutFolder({ out: options.out, force: Boolean(options.force), dataFolder: folder });
  const report = await trainAndSave({ folder, options, settings, dataset, out });
  // The matrix fits the terminal when stdout is one; 100 columns in a file or a pipe.
  const maxWidth = process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100;
  write(options.json ? `${JSON.stringify(report)}\n` : formatTrainReport({ report, maxWidth }));
  return report;
}

async function trainAndSave(params: {
  folder: string;
  options: TrainOptions;
  settings: TrainSettings;
  dataset: Awaited<ReturnType<typeof readImageFolder>>;
  out: Awaited<ReturnType<typeof prepareOutFolder>>;
}): Promise<TrainReport> {
  const { options, settings, dataset, out } = params;
  const t0 = performance.now();
  const backend = await loadBackend(options.backend);
  const warnings: LoadWarning[] = [];
  const extractor = await pipeline("image-feature-extraction", options.model, {
    backend,
    ...(options.revision !== undefined ? { revision: options.revision } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.offline ? { localFilesOnly: true } : {}),
    onWarning: (w: LoadWarning) => warnings.push(w),
  });
  try {
    if (warnings.length > 0) writeStderr(`warning: ${warnings.map((w) => w.message).join(" ")}\n`);
    const t1 = performance.now();
    const display = createTrainProgress({
      mode: progressMode({ progress: options.progress !== false, isTTY: Boolean(process.stderr.isTTY) }),
    });
    const skipped: TrainReport["skipped"] = [];
    const result = await trainClassifier({
      extractor,
      examples: dataset.examples,
      classNames: dataset.classNames,
      ...settings,
      onProgress: (p) => display.update(p),
      // One warning line per unreadable image, as it is found (held back while a bar is drawn).
      onSkip: ({ index, error }) => {
        // readImageFolder's examples are absolute paths.
        const s = { image: dataset.examples[index]!.image, code: error.code, message: error.message };
        skipped.push(s);
        display.warn(skippedImageWarning(s));
      },
    }).finally(() => display.finish());
    const t2 = performance.now();
    const report = buildReport({ params, head: result.head, skipped, timings: { t0, t1, t2 } });
    // The processor the backbone was read with, so the new model sees images exactly as the backbone did.
    const processor =
      extractor.processor instanceof MobileNetV1ImageProcessor
        ? extractor.processor
        : conversionImageProcessor({ imageSize: result.model.config.imageSize });
    try {
      const text = new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
      await out.commit({
        files: { ...result.model.toFiles(), ...processor.toFiles(), [TRAINING_REPORT_FILE]: text },
      });
    } finally {
      await result.model.dispose();
    }
    return report;
  } finally {
    await extractor.dispose();
  }
}

function buildReport(args: {
  params: { folder: string; options: TrainOptions; settings: TrainSettings; out: { path: string } };
  head: ClassifierHead;
  skipped: TrainReport["skipped"];
  timings: { t0: number; t1: number; t2: number };
}): TrainReport {
  const { params, head, skipped } = args;
  const { report } = head;
  return {
    folder: resolve(params.folder),
    model: params.options.model,
    backend: params.options.backend,
    out: params.out.path,
    classes: classCounts({
      classNames: head.classNames,
      trainConfusion: report.trainConfusion,
      ...(report.valConfusion ? { valConfusion: report.valConfusion } : {}),
    }),
    skipped,
    iterations: report.iterations,
    stoppedEarly: report.stoppedEarly,
    trainAccuracy: report.trainAccuracy,
    ...(report.valAccuracy !== undefined ? { valAccuracy: report.valAccuracy } : {}),
    ...(report.valConfusion ? { valConfusion: report.valConfusion } : {}),
    trainConfusion: report.trainConfusion,
    settings: { ...params.settings },
    timings: {
      load: round(args.timings.t1 - args.timings.t0),
      train: round(args.timings.t2 - args.timings.t1),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
