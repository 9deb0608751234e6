// This SDK, as a user calls it: pipeline("image-classification", folder, { backend: "node" }), and the
// same steps one by one (read + decode, preprocess, forward, top-5) to see where the time goes.
import { readFile } from "node:fs/promises";
import "@mobilenetv1/backend-node";
import { topK } from "@mobilenetv1/core";
import { loadImage } from "@mobilenetv1/image-processor";
import { pipeline } from "@mobilenetv1/pipeline";

/**
 * @example
 * const c = await createOurClassifier({ dir: "../shared/hf/keras_mobilenet_v1_0.75_224" });
 * (await c.classify(["cats.png"]))[0][0] // { label: "tabby, tabby cat", score: 0.79 }
 */
export async function createOurClassifier({ dir }) {
  const classifier = await pipeline("image-classification", dir, { backend: "node" });
  const { model, processor } = classifier;
  return {
    name: "ours (pipeline, backend-node)",
    /** The pipeline's one call from file paths; one list of top-5 per path. */
    classify: (paths, options = {}) => classifier(paths, { topK: 5, ...options }),
    async stages(path) {
      const t0 = performance.now();
      const image = await loadImage({ input: await readFile(path) });
      const t1 = performance.now();
      const { pixelValues } = processor.preprocessPixels(image);
      const t2 = performance.now();
      const { logits } = await model.forward({ pixelValues });
      const t3 = performance.now();
      const top5 = topK({ logits, id2label: model.config.id2label, k: 5 })[0];
      const t4 = performance.now();
      return { top5, stages: { decode: t1 - t0, preprocess: t2 - t1, model: t3 - t2, topk: t4 - t3 } };
    },
    async prepareInput(batch, path) {
      return (await processor.preprocess(Array.from({ length: batch }, () => path))).pixelValues;
    },
    async infer(pixelValues) {
      await model.forward({ pixelValues });
    },
    dispose: () => classifier.dispose(),
  };
}
