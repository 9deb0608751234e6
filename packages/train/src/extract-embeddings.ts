import { InputError, MobileNetError, type MobileNetErrorCode, type Tensor } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import { NoUsableImagesError } from "./errors.js";

/** Images per extractor call. @see extractEmbeddings */
export const DEFAULT_EXTRACT_BATCH_SIZE = 16;

/** An image that could not be read, and why. */
export interface SkippedImage {
  /** Its index in the images given. */
  index: number;
  error: MobileNetError;
}

/** What an extraction produced. */
export interface ExtractedEmbeddings {
  /** [kept.length, numFeatures] row-major: the pooled embedding of each kept image, in order. */
  embeddings: Float32Array;
  /** C, the length of one embedding. */
  numFeatures: number;
  /** Indices (into the images given) of the rows of `embeddings`, ascending. */
  kept: number[];
  /** Images that could not be read, in order; never dropped silently (see `onSkip`). */
  skipped: SkippedImage[];
}

/**
 * Codes that mean "this image cannot be read", which skip the image: anything else (a backend failure, a
 * missing decoder package) is about the setup, not the image, and ends the extraction.
 */
const UNREADABLE: ReadonlySet<MobileNetErrorCode> = new Set<MobileNetErrorCode>([
  "IMAGE_DECODE",
  "IMAGE_SOURCE",
  "IMAGE_EMPTY",
  "IMAGE_TOO_LARGE",
  "INPUT_INVALID",
]);

function isUnreadable(error: unknown): error is MobileNetError {
  return error instanceof MobileNetError && UNREADABLE.has(error.code);
}

function describeImage(image: unknown, index: number): string {
  return typeof image === "string" ? `image ${index} (${image})` : `image ${index}`;
}

/** The default `onSkip`: one warning line per skipped image, as core's load warnings. */
function warnSkipped(skip: SkippedImage & { image: unknown }): void {
  console.warn(`skipped ${describeImage(skip.image, skip.index)}: ${skip.error.message}`);
}

/**
 * Pooled embeddings of a list of images, computed in batches so only one batch of decoded images is in
 * memory at a time (the embeddings themselves are N × C floats). An image that cannot be read (not found,
 * not an image, too large, empty) is skipped: reported through `onSkip` and listed in `skipped`, never
 * dropped silently; a batch that fails is retried image by image to find which. Other failures (the
 * backend) end the extraction.
 *
 * @throws NoUsableImagesError when no image is given or none can be read; InputError for a bad batch
 *   size; the signal's reason when aborted (checked between batches).
 * @example
 * const extractor = await pipeline("image-feature-extraction", "../shared/hf/keras_mobilenet_v1_0.75_224");
 * const { embeddings, numFeatures, kept, skipped } = await extractEmbeddings({ extractor, images: ["a.png", "b.png"] });
 * numFeatures // 768
 * embeddings.length // kept.length * 768
 */
export async function extractEmbeddings(params: {
  /** A `pipeline("image-feature-extraction", …)`; called with `{ pool: true }`. */
  extractor: ImageFeatureExtractionPipeline;
  /** Anything the extractor's image processor reads: paths, URLs, bytes, Blobs, ImageData… */
  images: readonly unknown[];
  /** Images per extractor call (a positive integer). @default 16 */
  batchSize?: number;
  /** After each batch: images done (kept or skipped) of the total. @default undefined */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Each skipped image, when it is skipped. @default one `console.warn` line per image */
  onSkip?: (skip: SkippedImage & { image: unknown }) => void;
  /** Stops between batches; the extraction then rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
}): Promise<ExtractedEmbeddings> {
  const { extractor, images, signal } = params;
  const batchSize = params.batchSize ?? DEFAULT_EXTRACT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InputError({ argument: "batchSize", value: params.batchSize, expected: "a positive integer" });
  }
  if (!Array.isArray(images)) {
    throw new InputError({ argument: "images", value: typeof images, expected: "an array of images" });
  }
  const onSkip = params.onSkip ?? warnSkipped;
  const total = images.length;
  let rows: Float32Array | undefined;
  let numFeatures = 0;
  const kept: number[] = [];
  const skipped: SkippedImage[] = [];
  const keep = (index: number, pooled: Tensor, row: number) => {
    const [batch, c] = pooled.dims as [number, number];
    if (pooled.dims.length !== 2 || row >= batch || (numFeatures !== 0 && c !== numFeatures)) {
      throw new InputError({
        argument: "extractor output dims",
        value: pooled.dims,
        expected: `[B, ${numFeatures || "C"}] pooled features (a pipeline("image-feature-extraction") called with pool: true)`,
      });
    }
    if (!rows) {
      numFeatures = c;
      rows = new Float32Array(total * c);
    }
    rows.set((pooled.data as Float32Array).subarray(row * c, (row + 1) * c), kept.length * c);
    kept.push(index);
  };
  // The extractor's result, or the error that says the images cannot be read (anything else is thrown).
  const extract = async (batch: readonly unknown[]): Promise<Tensor | MobileNetError> => {
    try {
      return await extractor(batch, { pool: true });
    } catch (error) {
      if (isUnreadable(error)) return error;
      throw error;
    }
  };
  for (let start = 0; start < total; start += batchSize) {
    signal?.throwIfAborted();
    const batch = images.slice(start, start + batchSize);
    const pooled = await extract(batch);
    if (!(pooled instanceof MobileNetError)) {
      batch.forEach((_, i) => keep(start + i, pooled, i));
    } else {
      // One unreadable image fails its whole batch: each is retried alone to keep the others.
      for (const [i, image] of batch.entries()) {
        signal?.throwIfAborted();
        const single = await extract([image]);
        if (!(single instanceof MobileNetError)) {
          keep(start + i, single, 0);
          continue;
        }
        skipped.push({ index: start + i, error: single });
        onSkip({ index: start + i, error: single, image });
      }
    }
    params.onProgress?.({ done: Math.min(start + batchSize, total), total });
  }
  if (kept.length === 0 || !rows) {
    throw new NoUsableImagesError({ total, firstError: skipped[0]?.error });
  }
  const embeddings = kept.length === total ? rows : rows.slice(0, kept.length * numFeatures);
  return { embeddings, numFeatures, kept, skipped };
}
