/**
 * Every default of {@link MobileNetV1Config}, in one place, so documentation, code and tests cannot drift.
 * Source of truth: transformers' `configuration_mobilenet_v1.py` (`MobileNetV1Config.__init__`) and
 * `configuration_utils.py` (`PretrainedConfig`) for the label and output fields.
 */

/** The `model_type` HF writes into a MobileNetV1 config.json. */
export const MOBILENET_V1_MODEL_TYPE = "mobilenet_v1";

/**
 * `hidden_act` values this SDK accepts: exactly the HF `ACT2FN` names the ONNX graph builder emits
 * (relu6 → Clip(0, 6), relu → Relu, sigmoid → Sigmoid, tanh → Tanh, silu/swish → x·Sigmoid(x),
 * gelu → the exact erf form). Other ACT2FN names (gelu_new, mish, quick_gelu, ...) are refused rather
 * than approximated.
 */
export const SUPPORTED_HIDDEN_ACTS = ["relu6", "relu", "sigmoid", "tanh", "silu", "swish", "gelu"] as const;

/** One of {@link SUPPORTED_HIDDEN_ACTS}. */
export type SupportedHiddenAct = (typeof SUPPORTED_HIDDEN_ACTS)[number];

/** HF's `PretrainedConfig.problem_type` values (`null` means "infer from the labels"). */
export const PROBLEM_TYPES = [
  "regression",
  "single_label_classification",
  "multi_label_classification",
] as const;

/** One of {@link PROBLEM_TYPES}. */
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/**
 * The defaults of HF's `MobileNetV1Config()` and of the `PretrainedConfig` fields it carries.
 *
 * `classifierDropoutProb` really is 0.999 in HF (TF-slim's `dropout_keep_prob`, reused as a drop
 * probability); the published checkpoints' config.json files override it. It only matters for training.
 *
 * @example
 * MOBILENET_V1_CONFIG_DEFAULTS.depthMultiplier // 1
 * MOBILENET_V1_CONFIG_DEFAULTS.numLabels // 2 (labels "LABEL_0", "LABEL_1")
 */
export const MOBILENET_V1_CONFIG_DEFAULTS = Object.freeze({
  /** Input image channels (`num_channels`). */
  numChannels: 3,
  /** Input resolution the checkpoint was trained at (`image_size`); a hint, the network accepts any size. */
  imageSize: 224,
  /** Width multiplier α (`depth_multiplier`). */
  depthMultiplier: 1.0,
  /** Smallest channel count any layer is shrunk to (`min_depth`). */
  minDepth: 8,
  /** Activation after every batch norm (`hidden_act`). */
  hiddenAct: "relu6" as SupportedHiddenAct,
  /** TF "SAME" padding instead of PyTorch's symmetric padding (`tf_padding`). */
  tfPadding: true,
  /** Classifier dropout (`classifier_dropout_prob`); see the note above. */
  classifierDropoutProb: 0.999,
  /** Std of the truncated normal used for random init (`initializer_range`). */
  initializerRange: 0.02,
  /** Batch norm epsilon (`layer_norm_eps`). */
  layerNormEps: 0.001,
  /** Label count when neither `id2label` nor `num_labels` is given: labels `LABEL_0`, `LABEL_1`. */
  numLabels: 2,
  /** `problem_type`. */
  problemType: null as ProblemType | null,
  /** `output_hidden_states`. */
  outputHiddenStates: false,
  /** `architectures`. */
  architectures: null as readonly string[] | null,
  /** `torch_dtype`. */
  torchDtype: null as string | null,
  /** `transformers_version`. */
  transformersVersion: null as string | null,
});

/**
 * HF's default label names for `num_labels = n`: `LABEL_0` ... `LABEL_{n-1}`.
 *
 * @example
 * defaultId2label({ numLabels: 2 }) // { 0: "LABEL_0", 1: "LABEL_1" }
 */
export function defaultId2label(params: {
  /** How many labels. */
  numLabels: number;
}): Record<number, string> {
  return Object.fromEntries(Array.from({ length: params.numLabels }, (_, i) => [i, `LABEL_${i}`]));
}
