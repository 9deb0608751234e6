// Type-checked (strict, NodeNext) against the packages' published .d.ts files; never run.
import { nodeBackend } from "@mobilenetv1/backend-node";
import { createWebBackend } from "@mobilenetv1/backend-web";
import { MobileNetV1Config, MobileNetV1ForImageClassification, type Prediction } from "@mobilenetv1/core";
import { CONFORMANCE_CASES } from "@mobilenetv1/core/conformance";
import "@mobilenetv1/hub";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { type ImageClassificationResult, pipeline } from "@mobilenetv1/pipeline";

export const conformanceCases: number = CONFORMANCE_CASES.length;
export const web = createWebBackend({ device: "wasm" });

export async function classifyTwice(image: string, folder: string): Promise<ImageClassificationResult[]> {
  const config = new MobileNetV1Config({ depthMultiplier: 0.75, numLabels: 1000 });
  const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: nodeBackend });
  const { pixelValues } = await new MobileNetV1ImageProcessor().preprocess(image);
  const { logits } = await model.forward({ pixelValues });
  const top: Prediction[][] = model.topK({ logits, k: 1 });
  const classify = await pipeline("image-classification", folder, { backend: "node" });
  const results: ImageClassificationResult[] = await classify(image);
  return [...results, { label: top[0]![0]!.label, score: top[0]![0]!.score }];
}
