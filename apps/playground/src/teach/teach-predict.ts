import { type MobileNetV1ForImageClassification, type Prediction, topK } from "@mobilenetv1/core";
import type { ImageProcessorLike } from "@mobilenetv1/pipeline";

/** How many classes a prediction lists (fewer when fewer were taught). */
export const TEACH_TOP_K = 3;

/**
 * Runs the trained classifier (backbone and new head in one graph, as the downloaded folder will) on
 * one image: a webcam frame, a dropped or pasted image.
 *
 * @example
 * const top = await predictTaught({ model, processor, image: canvas });
 * top[0] // { index: 1, label: "Cat", score: 0.97 }
 */
export async function predictTaught(params: {
  model: MobileNetV1ForImageClassification;
  processor: ImageProcessorLike;
  image: unknown;
}): Promise<Prediction[]> {
  const { model } = params;
  const { pixelValues } = await params.processor.preprocess(params.image);
  const { logits } = await model.forward({ pixelValues });
  const k = Math.min(TEACH_TOP_K, model.config.numLabels);
  return topK({ logits, id2label: model.config.id2label, k })[0]!;
}
