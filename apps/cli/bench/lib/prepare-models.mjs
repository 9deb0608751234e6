// The benchmark's two models, each in the three forms the runners load, all with the same weights:
// - keras 0.75_224: ../shared's HF folder (ours), its transformers.js export (ONNX written by this SDK's
//   exportForTransformersJs), and the original TF.js layers model from ../shared/weights (tfjs);
// - 1.0_224: an HF config with seeded random weights (no real 1.0 weights offline), saved with
//   savePretrained (ours), exported for transformers.js, and the Keras topology rescaled to 1.0 with the
//   same state dict loaded into it (tfjs). HF's init (N(0, 0.02)) makes activations vanish over 27 layers
//   and every class 0.001; He-scaled weights keep a real spread of logits, so top-1 labels can be compared.
import { join } from "node:path";
import { nodeBackend } from "@mobilenetv1/backend-node";
import { shared } from "@mobilenetv1/bench-support/shared-dir";
import { readLayersModel, rescaleTopology } from "@mobilenetv1/bench-support/tfjs-classifier";
import { conversionImageProcessor, exportForTransformersJs } from "@mobilenetv1/convert";
import {
  IMAGENET_1K_LABELS,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  Tensor,
} from "@mobilenetv1/core";
import { parameterPlan } from "@mobilenetv1/core/graph";
import { randomInitWeights } from "@mobilenetv1/core/weights";

/**
 * Writes what the runners need under `work` and returns, per model:
 * `{ name, weights, dir, tjs: { root, name }, tfjs: { dir } | { topology, stateDict }, labels }`.
 */
export async function prepareModels({ work }) {
  const tjsRoot = join(work, "transformers-js");
  const labels = IMAGENET_1K_LABELS;
  const kerasDir = shared("hf/keras_mobilenet_v1_0.75_224");
  const tfjsDir = shared("weights/keras_mobilenet_v1_0.75_224.tfjs");

  const keras = await MobileNetV1ForImageClassification.fromPretrained(kerasDir, { backend: nodeBackend });
  await exportForTransformersJs({ model: keras, dir: join(tjsRoot, "keras_0.75_224") });
  const kerasStateDict = new Map(keras.weights);
  await keras.dispose();

  const id2label = Object.fromEntries(labels.map((label, i) => [i, label]));
  const config = new MobileNetV1Config({ depthMultiplier: 1.0, imageSize: 224, id2label });
  const random = await MobileNetV1ForImageClassification.fromStateDict({
    config,
    stateDict: heScaledStateDict({ config, seed: 1 }),
    backend: nodeBackend,
  });
  const randomDir = join(work, "mobilenet_v1_1.0_224-random");
  await random.savePretrained({ dir: randomDir });
  await conversionImageProcessor({ imageSize: 224 }).savePretrained({ dir: randomDir });
  await exportForTransformersJs({ model: random, dir: join(tjsRoot, "random_1.0_224") });
  const randomStateDict = new Map(random.weights);
  await random.dispose();

  const topology = readLayersModel(tfjsDir).modelTopology;
  return [
    {
      name: "keras 0.75_224",
      weights: "real (../shared)",
      dir: kerasDir,
      tjs: { root: tjsRoot, name: "keras_0.75_224" },
      tfjs: { dir: tfjsDir },
      // The same weights through the state-dict path, to check that path against the original model.
      tfjsFromStateDict: { topology, stateDict: kerasStateDict },
      labels,
    },
    {
      name: "1.0_224",
      weights: "config, seeded He-scaled random weights",
      dir: randomDir,
      tjs: { root: tjsRoot, name: "random_1.0_224" },
      tfjs: { topology: rescaleTopology(topology, 1.0), stateDict: randomStateDict },
      labels,
    },
  ];
}

/** HF's seeded random init with conv weights rescaled to He's std √(2/fan_in) (√(1/fan_in) for the classifier). */
function heScaledStateDict({ config, seed }) {
  const init = randomInitWeights({ config, withClassifier: true, seed });
  const stateDict = new Map();
  for (const { key, dims, kind } of parameterPlan({ config, withClassifier: true })) {
    const data = init.get(key);
    if (kind === "conv" || kind === "linear-weight") {
      const fanIn = data.length / dims[0];
      const scale = Math.sqrt((kind === "conv" ? 2 : 1) / fanIn) / config.initializerRange;
      for (let i = 0; i < data.length; i++) data[i] *= scale;
    }
    stateDict.set(key, new Tensor({ dims, data }));
  }
  return stateDict;
}
