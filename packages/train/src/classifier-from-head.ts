import { InputError, MobileNetV1ForImageClassification, type MobileNetV1Model } from "@mobilenetv1/core";
import { parameterPlan } from "@mobilenetv1/core/graph";
import { hfStateDict } from "@mobilenetv1/core/weights";
import { EmbeddingShapeError } from "./errors.js";
import { checkClassNames } from "./fit/class-names.js";
import type { ClassifierHead } from "./types.js";

/** HF's class name, written to config.json's `architectures`. */
const CLASSIFIER_CLASS = MobileNetV1ForImageClassification.hfClassName;

/**
 * C, the length of the backbone's pooled features: the input size of HF's `classifier` Linear for this
 * config (the last pointwise conv's channels, e.g. 768 at depth 0.75).
 */
export function backboneHiddenSize(params: { backbone: MobileNetV1Model }): number {
  const plan = parameterPlan({ config: params.backbone.config, withClassifier: true });
  return plan.find((spec) => spec.key === "classifier.weight")!.dims[1]!;
}

/**
 * Puts a fitted head on a backbone: a `MobileNetV1ForImageClassification` whose config is the backbone's
 * with the head's classes (`id2label`, `label2id`, `num_labels`, `architectures`, and
 * `problem_type: "single_label_classification"`, what the softmax head was fitted for) and whose
 * `classifier.weight` / `classifier.bias` are the head's. The backbone's weights are shared, never
 * changed; its graph options (output stride, pooling head) and backend carry over. The model is float32:
 * an int8 backbone's float weights are used (quantize the result again if wanted).
 *
 * @throws EmbeddingShapeError when the head was fitted on features of another size than the backbone's;
 *   InputError for a head whose arrays do not have K·C and K values; LabelCollisionError for class names
 *   that collide.
 * @example
 * const model = await classifierFromHead({ backbone: extractor.model, head });
 * model.config.id2label // { 0: "cat", 1: "dog" }
 * await model.savePretrained({ dir: "./cats-vs-dogs" }); // loads in transformers' from_pretrained
 */
export async function classifierFromHead(params: {
  /** The frozen backbone the head's embeddings came from. */
  backbone: MobileNetV1Model;
  head: ClassifierHead;
}): Promise<MobileNetV1ForImageClassification> {
  const { backbone, head } = params;
  const hidden = backboneHiddenSize({ backbone });
  if (head.numFeatures !== hidden) {
    throw new EmbeddingShapeError({
      argument: "head.numFeatures",
      value: head.numFeatures,
      expected: `${hidden}, the backbone's hidden size (depth multiplier ${backbone.config.depthMultiplier})`,
    });
  }
  const classNames = checkClassNames({ classNames: head.classNames, argument: "head.classNames" });
  const k = classNames.length;
  for (const [name, array, length] of [
    ["head.weight", head.weight, k * hidden],
    ["head.bias", head.bias, k],
  ] as const) {
    if (!(array instanceof Float32Array) || array.length !== length) {
      throw new InputError({
        argument: `${name}.length`,
        value: array instanceof Float32Array ? array.length : typeof array,
        expected: `a Float32Array of ${length} values (${k} classes × ${name === "head.weight" ? hidden : 1})`,
      });
    }
  }
  const config = backbone.config.with({
    id2label: Object.fromEntries(classNames.map((name, i) => [i, name])),
    label2id: Object.fromEntries(classNames.map((name, i) => [name, i])),
    architectures: [CLASSIFIER_CLASS],
    problemType: "single_label_classification",
  });
  const head32: Record<string, Float32Array> = {
    // Copies: the model must not change when the caller reuses the head's arrays.
    "classifier.weight": head.weight.slice(),
    "classifier.bias": head.bias.slice(),
  };
  const stateDict = hfStateDict({
    config,
    weights: (key) => head32[key] ?? backbone.weights.get(key)!,
    withClassifier: true,
    batchesTracked: backbone.batchesTracked,
  });
  return MobileNetV1ForImageClassification.fromStateDict({
    config,
    stateDict,
    backend: backbone.backend,
    ...backbone.options,
  });
}
