// What the inference benchmarks of backend-node and backend-web share: the models they time, the raw
// onnxruntime session each SDK forward is compared with (same graph bytes), and the input both get.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { MobileNetV1Config, MobileNetV1ForImageClassification, Tensor } from "@mobilenetv1/core";
import { buildGraph, PIXEL_VALUES } from "@mobilenetv1/core/graph";
import { SHARED } from "./shared-dir.mjs";

/**
 * The models the inference benchmarks time, each loaded once per entry of `backends` (key → backend): the
 * real keras 0.75_224 when ../shared has it, and a random-init 1.0_224 (1001 classes).
 *
 * @example
 * const list = await inferenceModels({ backends: { web: createWebBackend(), node: createNodeBackend() } });
 * list.map((m) => m.name) // ["0.75_224 (real weights)", "1.0_224 (config, random init)"]
 * list[0].models.web // a MobileNetV1ForImageClassification on the web backend
 */
export async function inferenceModels({ backends }) {
  const onEach = async (open) => {
    const models = {};
    for (const [key, backend] of Object.entries(backends)) models[key] = await open(backend);
    return models;
  };
  const list = [];
  const real = resolve(SHARED, "hf/keras_mobilenet_v1_0.75_224");
  if (existsSync(real))
    list.push({
      name: "0.75_224 (real weights)",
      models: await onEach((backend) => MobileNetV1ForImageClassification.fromPretrained(real, { backend })),
    });
  const config = new MobileNetV1Config({ depthMultiplier: 1.0, numLabels: 1001 });
  list.push({
    name: "1.0_224 (config, random init)",
    models: await onEach((backend) => MobileNetV1ForImageClassification.fromConfig({ config, backend })),
  });
  return list;
}

/**
 * A raw `InferenceSession` of `ort` (the onnxruntime-node or onnxruntime-web module) on the logits graph
 * of `model`, built from its weights as the SDK builds it, with every graph optimization on.
 *
 * @example
 * const session = await rawSession({ ort, executionProvider: "cpu", model });
 */
export async function rawSession({ ort, executionProvider, model }) {
  const graph = buildGraph({
    config: model.config,
    weights: (k) => model.weights.get(k),
    outputs: ["logits"],
  });
  return ort.InferenceSession.create(graph.onnx, {
    executionProviders: [executionProvider],
    graphOptimizationLevel: "all",
  });
}

/**
 * The benchmarks' deterministic [batch, 3, 224, 224] input as an SDK `Tensor` (`pixelValues`) and, when
 * `ort` is given, as raw feeds of the same bytes (`feeds`).
 *
 * @example
 * const { pixelValues, feeds } = benchInput({ batch: 8, ort });
 */
export function benchInput({ batch, ort }) {
  const dims = [batch, 3, 224, 224];
  const data = new Float32Array(batch * 3 * 224 * 224).map((_, i) => Math.sin(i) * 0.9);
  const pixelValues = new Tensor({ dims, data });
  return ort
    ? { pixelValues, feeds: { [PIXEL_VALUES]: new ort.Tensor("float32", data, dims) } }
    : { pixelValues };
}
