import { type Prediction, type Tensor, topK } from "@mobilenetv1/core";
import type { ImageInput } from "@mobilenetv1/image-processor";
import type { LoadedClassifier } from "./load-classifier.js";

/** How many labels the playground shows. */
export const TOP_K = 5;

/** One image's result. */
export interface Classification {
  readonly top: Prediction[];
  /** What the model saw: float32 [1, 3, h, w]. */
  readonly pixelValues: Tensor;
  /** The image's size as decoded (the crop overlay is placed from it). */
  readonly originalSize: { width: number; height: number };
  readonly timings: { preprocessMs: number; inferenceMs: number };
}

/**
 * Decodes and preprocesses one image with the checkpoint's image processor (Pillow-exact resize and
 * center crop), runs the model and returns the top {@link TOP_K} labels with softmax scores.
 *
 * @example
 * const { top } = await classifyImage({ classifier, image: file });
 * top[0] // { index: 281, label: "tabby, tabby cat", score: 0.79 }
 */
export async function classifyImage(params: {
  classifier: LoadedClassifier;
  image: ImageInput;
}): Promise<Classification> {
  const { model, processor } = params.classifier;
  const t0 = performance.now();
  const { pixelValues, originalSizes } = await processor.preprocess(params.image);
  const t1 = performance.now();
  const { logits } = await model.forward({ pixelValues });
  const t2 = performance.now();
  return {
    top: topK({ logits, id2label: model.config.id2label, k: TOP_K })[0]!,
    pixelValues,
    originalSize: originalSizes[0]!,
    timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1 },
  };
}
