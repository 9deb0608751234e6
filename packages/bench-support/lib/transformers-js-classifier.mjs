// transformers.js (@huggingface/transformers) image-classification pipeline on a local folder in its
// layout (config.json, preprocessor_config.json, onnx/model.onnx), fp32 on onnxruntime-node ("cpu"),
// with remote models off so nothing is fetched.
import { env, pipeline, RawImage } from "@huggingface/transformers";

export const TRANSFORMERS_JS_VERSION = env.version;

function softmaxTop5(logits, id2label) {
  const max = logits.reduce((a, b) => Math.max(a, b), -Infinity);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps
    .map((e, i) => ({ label: id2label[i], score: e / sum }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}

/**
 * @param {{ root: string, name: string }} params `root/name/` is the exported model folder.
 * @example
 * const c = await createTransformersJsClassifier({ root: "/tmp/tjs", name: "0.75_224" });
 * (await c.classify(["cats.png"]))[0][0] // { label: "tabby, tabby cat", score: 0.85 }
 */
export async function createTransformersJsClassifier({ root, name }) {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  const classifier = await pipeline("image-classification", name, {
    dtype: "fp32",
    device: "cpu",
    local_files_only: true,
  });
  const id2label = classifier.model.config.id2label;
  return {
    name: `transformers.js ${TRANSFORMERS_JS_VERSION}`,
    /** The pipeline's own call from file paths; one list of top-5 per path. */
    async classify(paths) {
      const out = await classifier(paths.length === 1 ? paths[0] : paths, { top_k: 5 });
      return paths.length === 1 ? [out] : out;
    },
    /** The pipeline's steps one by one (RawImage.read, processor, model, softmax + top-5), timed. */
    async stages(path) {
      const t0 = performance.now();
      const image = await RawImage.read(path);
      const t1 = performance.now();
      const inputs = await classifier.processor(image);
      const t2 = performance.now();
      const { logits } = await classifier.model(inputs);
      const t3 = performance.now();
      const top5 = softmaxTop5(logits.data, id2label);
      const t4 = performance.now();
      return { top5, stages: { decode: t1 - t0, preprocess: t2 - t1, model: t3 - t2, topk: t4 - t3 } };
    },
    async prepareInput(batch, path) {
      const image = await RawImage.read(path);
      const { pixel_values } = await classifier.processor(Array.from({ length: batch }, () => image));
      return pixel_values;
    },
    async infer(pixelValues) {
      await classifier.model({ pixel_values: pixelValues });
    },
    async dispose() {
      await classifier.dispose();
    },
  };
}
