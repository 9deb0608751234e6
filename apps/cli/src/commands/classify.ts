import { type LoadWarning, type Tensor, topK } from "@mobilenetv1/core";
import {
  AutoImageProcessor,
  AutoModelForImageClassification,
  DEFAULT_IMAGE_CLASSIFICATION_MODEL,
  prefetchBatches,
} from "@mobilenetv1/pipeline";
import { loadBackend } from "../backends.js";
import { throwIfStdoutClosed, writeStdout } from "../closed-output.js";
import { UsageError } from "../exit-codes.js";
import { expandInputs } from "../expand-inputs.js";
import { formatPredictionTable } from "../format-table.js";
import { DEFAULT_CALIBRATION_IMAGES, toInt8Model } from "../model-dtype.js";
import { MAX_BATCH_SIZE, MAX_TOP, nonEmptyOption, positiveIntOption, requireWith } from "../option-values.js";
import {
  maxPixelValuesBytes,
  openPixelValuesWriter,
  type PixelValuesWriter,
  parseShape,
  readPixelValues,
} from "../pixel-values-file.js";

/** Options of `mobilenet classify`, as commander parses them. */
export interface ClassifyOptions {
  model: string;
  backend: string;
  top: string;
  revision?: string;
  json?: boolean;
  logits?: boolean;
  pixelValuesOut?: string;
  pixelValuesIn?: string;
  shape?: string;
  batchSize: string;
  cacheDir?: string;
  offline?: boolean;
  /** `float32` or `int8`; absent: the checkpoint's own. */
  dtype?: "float32" | "int8";
  /** Images to calibrate an int8 model on (a file, directory or glob). */
  calibration?: string;
}

/** One image's result, as `--json` prints it (one object per line). */
export interface ClassifyRecord {
  image: string;
  model: string;
  backend: string;
  /** When `--dtype` was given. */
  dtype?: string;
  top: { index: number; label: string; score: number }[];
  logits?: number[];
  /**
   * Milliseconds: load (once, shared by all images), preprocess and inference (this image's share of its
   * batch). Later batches are read and decoded while earlier ones run through the model, so their
   * preprocess time is wall time that overlaps other work.
   */
  timings: { load: number; preprocess: number; inference: number };
}

/**
 * Classifies images (or a raw tensor) and prints a table per image, or JSON lines with `--json`.
 * Batches of `--batch-size` images go through the model together for throughput.
 */
export async function classify(params: {
  images: readonly string[];
  options: ClassifyOptions;
  write?: (s: string) => void;
}): Promise<void> {
  const { options } = params;
  const write = params.write ?? writeStdout;
  const k = positiveIntOption({ text: options.top, option: "--top", max: MAX_TOP });
  const batchSize = positiveIntOption({
    text: options.batchSize,
    option: "--batch-size",
    max: MAX_BATCH_SIZE,
  });
  for (const [option, text] of [
    ["--model", options.model],
    ["--revision", options.revision],
    ["--cache-dir", options.cacheDir],
  ] as const)
    nonEmptyOption({ text, option });
  if (options.pixelValuesIn && params.images.length > 0) {
    throw new UsageError({
      option: "--pixel-values-in",
      message: "give either images or --pixel-values-in, not both",
    });
  }
  if (!options.pixelValuesIn && params.images.length === 0)
    throw new UsageError({ option: "<image...>", message: "no image given" });
  if (options.pixelValuesIn && !options.shape)
    throw new UsageError({ option: "--shape", message: "required with --pixel-values-in" });
  const tensorIn = Boolean(options.pixelValuesIn);
  requireWith({ given: options.shape, option: "--shape", needs: tensorIn, needed: "--pixel-values-in" });
  requireWith({ given: options.logits, option: "--logits", needs: Boolean(options.json), needed: "--json" });
  requireWith({
    given: options.calibration,
    option: "--calibration",
    needs: options.dtype === "int8",
    needed: "--dtype int8",
  });
  requireWith({
    given: options.pixelValuesOut,
    option: "--pixel-values-out",
    needs: !tensorIn,
    needed: "images (with --pixel-values-in there is nothing to preprocess)",
  });
  const shape = options.shape
    ? parseShape({ text: options.shape, maxBytes: maxPixelValuesBytes() })
    : undefined;
  const images = options.pixelValuesIn ? [] : await expandInputs({ args: params.images });
  // Read before the model loads: a wrong file fails at once.
  const pixelValuesIn = options.pixelValuesIn
    ? await readPixelValues({ file: options.pixelValuesIn, shape: shape! })
    : undefined;
  // Opened before the model loads: an unwritable path fails now, not after every image was classified.
  const pixelValuesOut = options.pixelValuesOut
    ? await openPixelValuesWriter({ file: options.pixelValuesOut })
    : undefined;
  let ok = false;
  try {
    await classifyInputs({ options, images, pixelValuesIn, k, batchSize, write, pixelValuesOut });
    ok = true;
  } finally {
    await pixelValuesOut?.close({ ok });
  }
}

async function classifyInputs(params: {
  options: ClassifyOptions;
  images: readonly string[];
  /** The `--pixel-values-in` tensor, already read. */
  pixelValuesIn: Tensor | undefined;
  k: number;
  batchSize: number;
  write: (s: string) => void;
  pixelValuesOut: PixelValuesWriter | undefined;
}): Promise<void> {
  const { options, images, pixelValuesIn, k, batchSize, write } = params;
  const t0 = performance.now();
  const backend = await loadBackend(options.backend);
  const source = {
    ...(options.revision !== undefined ? { revision: options.revision } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.offline ? { localFilesOnly: true } : {}),
  };
  // `dtype: "float32"` reaches MobileNetV1's fromPretrained (an int8 checkpoint then loads dequantized).
  // Load warnings (a random classifier head, unused keys) become one stderr line; stdout stays clean for --json.
  const warnings: LoadWarning[] = [];
  const loadOptions = {
    ...source,
    backend,
    ...(options.dtype === "float32" ? { dtype: options.dtype } : {}),
    onWarning: (w: LoadWarning) => warnings.push(w),
  };
  const [loaded, processor] = await Promise.all([
    AutoModelForImageClassification.fromPretrained(options.model, loadOptions),
    options.pixelValuesIn ? undefined : AutoImageProcessor.fromPretrained(options.model, source),
  ]);
  if (warnings.length > 0) process.stderr.write(`warning: ${warnings.map((w) => w.message).join(" ")}\n`);
  const calibration = async () =>
    options.pixelValuesIn
      ? pixelValuesIn!
      : (
          await processor!.preprocess(
            options.calibration
              ? await expandInputs({ args: [options.calibration] })
              : images.slice(0, DEFAULT_CALIBRATION_IMAGES),
          )
        ).pixelValues;
  const model = options.dtype === "int8" ? await toInt8Model({ model: loaded, calibration }) : loaded;
  await model.prepare?.(); // session creation belongs to load time, not to the first image's inference
  const load = performance.now() - t0;

  const emit = (
    names: readonly string[],
    pixelValues: Tensor,
    preprocess: number,
    logits: Tensor,
    inference: number,
  ) => {
    const rows = topK({ logits, id2label: model.config.id2label, k });
    const n = logits.dims[1]!;
    names.forEach((image, i) => {
      const record: ClassifyRecord = {
        image,
        model: options.model,
        backend: backend.name,
        ...(options.dtype ? { dtype: options.dtype } : {}),
        top: rows[i]!.map(({ index, label, score }) => ({ index, label, score })),
        ...(options.logits ? { logits: Array.from(logits.data.subarray(i * n, (i + 1) * n)) } : {}),
        timings: {
          load: round(load),
          preprocess: round(preprocess / names.length),
          inference: round(inference / names.length),
        },
      };
      write(
        options.json
          ? `${JSON.stringify(record)}\n`
          : formatPredictionTable({ record, size: pixelValues.dims.slice(2) }),
      );
    });
  };

  try {
    if (options.pixelValuesIn) {
      const pixelValues = pixelValuesIn!;
      const t = performance.now();
      const { logits } = await model.forward({ pixelValues });
      const names = Array.from({ length: pixelValues.dims[0]! }, (_, i) => `${options.pixelValuesIn}[${i}]`);
      emit(names, pixelValues, 0, logits, performance.now() - t);
      return;
    }
    // The next batches are decoded (on libuv's thread pool) while the current one runs through the model.
    const batches = prefetchBatches({
      items: images,
      batchSize,
      load: async (names) => {
        const t = performance.now();
        const { pixelValues } = await processor!.preprocess(names);
        return { pixelValues, ms: performance.now() - t };
      },
    });
    for await (const { batch: names, value } of batches) {
      throwIfStdoutClosed(); // the reader went away (`| head`): no more work for nobody
      const { pixelValues, ms } = value;
      await params.pixelValuesOut?.append(pixelValues);
      const t = performance.now();
      const { logits } = await model.forward({ pixelValues });
      const inference = performance.now() - t;
      emit(names, pixelValues, ms, logits, inference);
    }
  } finally {
    await model.dispose();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export { DEFAULT_IMAGE_CLASSIFICATION_MODEL };
