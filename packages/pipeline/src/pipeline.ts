import { InputError, topK } from "@mobilenetv1/core";
import type {
  AutoLoadOptions,
  ImageClassificationModel,
  ImageProcessorLike,
} from "./architecture-registry.js";
import { AutoImageProcessor, AutoModelForImageClassification } from "./auto.js";
import { prefetchBatches } from "./prefetch-batches.js";

/** One label with its softmax probability: the shape transformers.js and @huggingface/tasks use. */
export interface ImageClassificationResult {
  label: string;
  score: number;
}

/** Per-call options of an image-classification pipeline. */
export interface ImageClassificationCallOptions {
  /** How many labels per image. @default 5 */
  topK?: number;
  /**
   * Images per model run for a list. With several batches, the next ones are decoded (on libuv's thread
   * pool) while the current one runs through the model, which is how a long list goes fastest.
   * @default the whole list in one batch
   */
  batchSize?: number;
}

/** A loaded image-classification pipeline: call it with one image or a list. */
export interface ImageClassificationPipeline {
  // The list overload comes first: a list also matches `unknown`.
  (
    images: readonly unknown[],
    options?: ImageClassificationCallOptions,
  ): Promise<ImageClassificationResult[][]>;
  (image: unknown, options?: ImageClassificationCallOptions): Promise<ImageClassificationResult[]>;
  readonly model: ImageClassificationModel;
  readonly processor: ImageProcessorLike;
  /** Releases the model's backend resources. */
  dispose(): Promise<void>;
}

/** The default checkpoint, as HF's pipeline docs for MobileNetV1. */
export const DEFAULT_IMAGE_CLASSIFICATION_MODEL = "google/mobilenet_v1_1.0_224";

/**
 * Loads a model and its image processor for a task, dispatching on config.json's `model_type`, and
 * creates the model's runtime session, so the returned pipeline is ready to run. Images are anything the
 * image processor accepts (a path, URL, bytes, raw pixels; Blob/ImageData in browsers).
 *
 * @example
 * import "@mobilenetv1/backend-node";
 * import "@mobilenetv1/hub";
 * const classify = await pipeline("image-classification", "google/mobilenet_v1_1.0_224");
 * await classify("cats.png", { topK: 2 })
 * // [{ label: "tabby, tabby cat", score: 0.79 }, { label: "tiger cat", score: 0.12 }]
 */
export async function pipeline(
  task: "image-classification",
  modelId: string = DEFAULT_IMAGE_CLASSIFICATION_MODEL,
  options: AutoLoadOptions = {},
): Promise<ImageClassificationPipeline> {
  if (task !== "image-classification") {
    throw new InputError({ argument: "task", value: task, expected: '"image-classification"' });
  }
  const [model, processor] = await Promise.all([
    AutoModelForImageClassification.fromPretrained(modelId, options),
    AutoImageProcessor.fromPretrained(modelId, options),
  ]);
  // The runtime session is created now, as transformers.js does: a returned pipeline is ready to run, and a
  // backend that cannot run the model fails here rather than on the first image.
  await model.prepare?.();
  const run = async (input: unknown, call: ImageClassificationCallOptions = {}) => {
    const batch = Array.isArray(input);
    const images: readonly unknown[] = batch ? input : [input];
    const size = call.batchSize ?? Math.max(1, images.length);
    if (!Number.isInteger(size) || size < 1) {
      throw new InputError({ argument: "batchSize", value: call.batchSize, expected: "a positive integer" });
    }
    const rows: ImageClassificationResult[][] = [];
    const batches = prefetchBatches({ items: images, batchSize: size, load: (b) => processor.preprocess(b) });
    for await (const { value } of batches) {
      const { logits } = await model.forward({ pixelValues: value.pixelValues });
      for (const row of topK({ logits, id2label: model.config.id2label, k: call.topK ?? 5 })) {
        rows.push(row.map(({ label, score }) => ({ label, score })));
      }
    }
    return batch ? rows : rows[0]!;
  };
  return Object.assign(run, {
    model,
    processor,
    dispose: () => model.dispose(),
  }) as ImageClassificationPipeline;
}
