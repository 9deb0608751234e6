import { InputError, topK } from "@mobilenetv1/core";
import type {
  AutoLoadOptions,
  ImageClassificationModel,
  ImageProcessorLike,
} from "./architecture-registry.js";
import { AutoImageProcessor, AutoModelForImageClassification } from "./auto.js";
import {
  DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL,
  type ImageFeatureExtractionPipeline,
  imageFeatureExtractionPipeline,
} from "./image-feature-extraction.js";
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

/** The tasks `pipeline()` knows, as transformers.js names them. */
export const PIPELINE_TASKS = ["image-classification", "image-feature-extraction"] as const;

/**
 * Loads a model and its image processor for a task, dispatching on config.json's `model_type`, and
 * creates the model's runtime session, so the returned pipeline is ready to run. Images are anything the
 * image processor accepts (a path, URL, bytes, raw pixels; Blob/ImageData in browsers).
 *
 * - `"image-classification"`: labels and probabilities per image.
 * - `"image-feature-extraction"`: the backbone's features as one Tensor (transformers.js' call shape):
 *   `{ pool: true }` gives the pooled embeddings [B, C], the default the last layer [B, C, h, w]. Any
 *   MobileNetV1 checkpoint works, a classifier's included (its head is not used).
 *
 * @param modelId a local HF folder, or a hub repo id once `@mobilenetv1/hub` is imported.
 *   @default "google/mobilenet_v1_1.0_224" for both tasks
 * @example
 * import "@mobilenetv1/backend-node";
 * import "@mobilenetv1/hub";
 * const classify = await pipeline("image-classification", "google/mobilenet_v1_1.0_224");
 * await classify("cats.png", { topK: 2 })
 * // [{ label: "tabby, tabby cat", score: 0.79 }, { label: "tiger cat", score: 0.12 }]
 * const extract = await pipeline("image-feature-extraction", "../shared/hf/keras_mobilenet_v1_0.75_224");
 * (await extract(["cats.png", "dog.png"], { pool: true })).dims
 * // [2, 768]
 */
export async function pipeline(
  task: "image-classification",
  modelId?: string,
  options?: AutoLoadOptions,
): Promise<ImageClassificationPipeline>;
export async function pipeline(
  task: "image-feature-extraction",
  modelId?: string,
  options?: AutoLoadOptions,
): Promise<ImageFeatureExtractionPipeline>;
export async function pipeline(
  task: (typeof PIPELINE_TASKS)[number],
  modelId?: string,
  options: AutoLoadOptions = {},
): Promise<ImageClassificationPipeline | ImageFeatureExtractionPipeline> {
  if (task === "image-feature-extraction") {
    return imageFeatureExtractionPipeline({
      modelId: modelId ?? DEFAULT_IMAGE_FEATURE_EXTRACTION_MODEL,
      options,
    });
  }
  if (task !== "image-classification") {
    throw new InputError({
      argument: "task",
      value: task,
      expected: PIPELINE_TASKS.map((t) => JSON.stringify(t)).join(" or "),
    });
  }
  return imageClassificationPipeline({ modelId: modelId ?? DEFAULT_IMAGE_CLASSIFICATION_MODEL, options });
}

async function imageClassificationPipeline(params: {
  modelId: string;
  options: AutoLoadOptions;
}): Promise<ImageClassificationPipeline> {
  const { modelId, options } = params;
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
