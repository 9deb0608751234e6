import type { LoadWarning } from "@mobilenetv1/core";
import { DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL, pipeline, prefetchBatches } from "@mobilenetv1/pipeline";
import { type Command, Option } from "commander";
import { CLI_BACKENDS, loadBackend } from "../backends.js";
import { throwIfStdoutClosed, writeStderr, writeStdout } from "../closed-output.js";
import { type EmbeddingWriter, npyNamesFile, openEmbeddingOutput } from "../embedding-output.js";
import { UsageError } from "../exit-codes.js";
import { expandInputs } from "../expand-inputs.js";
import { MAX_BATCH_SIZE, nonEmptyOption, positiveIntOption } from "../option-values.js";

/** Options of `mobilenet embed`, as commander parses them. */
export interface EmbedOptions {
  model: string;
  backend: string;
  revision?: string;
  /** x.jsonl or x.npy; absent: JSON lines on stdout. */
  out?: string;
  batchSize: string;
  /** `--no-pool` sets it false: the last layer [C, h, w] instead of the pooled [C]. */
  pool: boolean;
  cacheDir?: string;
  offline?: boolean;
}

/** `mobilenet embed --help`'s note on the output forms. */
const EMBED_HELP = `
Output:
  stdout or --out x.jsonl  one JSON object per image: {"image": "<path or url>", "embedding": [...]}
                           (with --no-pool also "shape": [C, h, w] of the flattened embedding)
  --out x.npy              float32 little-endian [N, C] (--no-pool: [N, C, h, w]), NPY 1.0: numpy.load("x.npy");
                           the row order, one image name per line, goes to x.npy.txt
An image that cannot be read stops the command (exit 4, naming it), as classify does; a file given
with --out is then not written.
Example:
  mobilenet embed photos/ --model ../shared/hf/keras_mobilenet_v1_0.75_224 --out photos.npy
  python3 -c 'import numpy; print(numpy.load("photos.npy").shape)'   # (N, 768)`;

/** Registers `mobilenet embed` on the program. */
export function registerEmbedCommand(program: Command): void {
  program
    .command("embed")
    .description("write each image's embedding (the backbone's pooled features) as JSON lines or .npy")
    .argument("[images...]", "image files, directories, glob patterns or http(s) URLs")
    .option("-m, --model <id|dir>", "hub repo id or local folder", DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL)
    .addOption(
      new Option("-b, --backend <name>", "where the model runs").choices(CLI_BACKENDS).default("node"),
    )
    .option("-r, --revision <rev>", "branch, tag, commit or refs/pr/N")
    .option("-o, --out <file>", "x.jsonl (JSON lines) or x.npy (+ x.npy.txt); default: JSON lines on stdout")
    .option("--batch-size <N>", "images per model call", "16")
    .option("--no-pool", "the last layer [C, h, w] per image instead of its average [C]")
    .option("--cache-dir <dir>", "hub cache folder (default: huggingface_hub's)")
    .option("--offline", "use cached files only")
    .addHelpText("after", EMBED_HELP)
    .action(async (images: string[], options: EmbedOptions) => embed({ images, options }));
}

/**
 * Computes the embeddings of images with the image-feature-extraction pipeline and writes them in input
 * order, batch by batch (the next batches are decoded while one runs).
 */
export async function embed(params: {
  images: readonly string[];
  options: EmbedOptions;
  write?: (s: string) => void;
}): Promise<void> {
  const { options } = params;
  const batchSize = positiveIntOption({
    text: options.batchSize,
    option: "--batch-size",
    max: MAX_BATCH_SIZE,
  });
  for (const [option, text] of [
    ["--model", options.model],
    ["--revision", options.revision],
    ["--cache-dir", options.cacheDir],
    ["--out", options.out],
  ] as const)
    nonEmptyOption({ text, option });
  if (params.images.length === 0) throw new UsageError({ option: "<image...>", message: "no image given" });
  const images = await expandInputs({ args: params.images });
  // Opened before the model loads: a bad or unwritable --out fails at once, not after every image ran.
  const out = await openEmbeddingOutput({
    file: options.out,
    names: images,
    write: params.write ?? writeStdout,
  });
  let ok = false;
  try {
    await embedInputs({ options, images, batchSize, out });
    ok = true;
  } finally {
    await out.close({ ok });
  }
  if (options.out?.endsWith(".npy")) {
    writeStderr(
      `wrote ${images.length} rows to ${options.out}, their names to ${npyNamesFile(options.out)}\n`,
    );
  }
}

async function embedInputs(params: {
  options: EmbedOptions;
  images: readonly string[];
  batchSize: number;
  out: EmbeddingWriter;
}): Promise<void> {
  const { options, images, batchSize, out } = params;
  const warnings: LoadWarning[] = [];
  const extractor = await pipeline("image-feature-extraction", options.model, {
    backend: await loadBackend(options.backend),
    ...(options.revision !== undefined ? { revision: options.revision } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.offline ? { localFilesOnly: true } : {}),
    // Load warnings become one stderr line: stdout stays clean for the JSON lines.
    onWarning: (w) => warnings.push(w),
  });
  if (warnings.length > 0) process.stderr.write(`warning: ${warnings.map((w) => w.message).join(" ")}\n`);
  try {
    // Batch by batch rather than one extractor call, so rows are written as they come and a closed
    // stdout stops the work at the next batch.
    const batches = prefetchBatches({
      items: images,
      batchSize,
      load: (names) => extractor.processor.preprocess(names),
    });
    for await (const { batch: names, value } of batches) {
      if (options.out === undefined) throwIfStdoutClosed();
      const features = await extractor.model.forward({ pixelValues: value.pixelValues });
      await out.append({ names, features: options.pool ? features.poolerOutput : features.lastHiddenState });
    }
  } finally {
    await extractor.dispose();
  }
}
