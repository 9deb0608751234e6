import { CheckpointNameError } from "../errors/errors.js";
import { MobileNetV1Config } from "./config.js";
import { IMAGENET_1K_LABELS } from "./imagenet-labels.js";

/** `[org/]mobilenet_v1_{depth}_{size}`, depth a decimal (0.25, 1.0, 1.4), size an integer. */
const CHECKPOINT_NAME = /^(?:[A-Za-z0-9][\w.-]*\/)?mobilenet_v1_([0-9]+(?:\.[0-9]+)?)_([0-9]+)$/;

/**
 * The config of a TF-slim MobileNetV1 checkpoint from its name, as transformers' conversion script
 * (`convert_original_tf_checkpoint_to_pytorch.py`, `get_mobilenet_v1_config`) builds it for the
 * `google/mobilenet_v1_*` models: depth multiplier and image size from the name, `layer_norm_eps` 0.001,
 * 1001 labels with `"background"` at 0 and the ImageNet-1k names shifted by one, `label2id` as `{v: k}`
 * (so the second "crane", 518, wins). `architectures` is set to MobileNetV1ForImageClassification, as
 * the script's `save_pretrained` writes; other fields keep HF's defaults (so `classifierDropoutProb` is
 * 0.999, like the script; it does not affect inference).
 *
 * Unlike the script, a name that does not match throws instead of silently keeping the defaults.
 *
 * @throws CheckpointNameError reason `"quantized-unsupported"` for `_quant` names, `"unparseable"` otherwise.
 * @throws ConfigError when the numbers parse but are invalid (e.g. depth 0).
 *
 * @example
 * const config = configFromCheckpointName({ name: "google/mobilenet_v1_0.75_192" });
 * config.depthMultiplier // 0.75
 * config.imageSize // 192
 * config.numLabels // 1001
 * config.id2label[0] // "background"
 * config.id2label[1] // "tench, Tinca tinca"
 */
export function configFromCheckpointName(params: {
  /** Checkpoint name with or without an organization, e.g. `mobilenet_v1_1.0_224` or `google/mobilenet_v1_0.75_192`. */
  name: string;
}): MobileNetV1Config {
  const { name } = params;
  if (name.includes("_quant")) {
    throw new CheckpointNameError({
      checkpointName: name,
      reason: "quantized-unsupported",
      message:
        `quantized checkpoints are not supported (yet): ${JSON.stringify(name)}; ` +
        `use the float checkpoint ${JSON.stringify(name.replace("_quant", ""))} instead`,
    });
  }
  const match = CHECKPOINT_NAME.exec(name);
  if (!match) {
    throw new CheckpointNameError({
      checkpointName: name,
      reason: "unparseable",
      message:
        `cannot read depth multiplier and image size from checkpoint name ${JSON.stringify(name)}: ` +
        "expected `mobilenet_v1_{depth}_{size}`, optionally after an organization, " +
        'e.g. "mobilenet_v1_1.0_224" or "google/mobilenet_v1_0.75_192"',
    });
  }
  const id2label: Record<number, string> = { 0: "background" };
  IMAGENET_1K_LABELS.forEach((label, i) => {
    id2label[i + 1] = label;
  });
  return new MobileNetV1Config({
    depthMultiplier: Number(match[1]),
    imageSize: Number(match[2]),
    layerNormEps: 0.001,
    id2label,
    architectures: ["MobileNetV1ForImageClassification"],
  });
}
