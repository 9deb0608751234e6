import type { ProblemType } from "./defaults.js";

/** Constructor parameters of {@link MobileNetV1Config}; every field is optional. */
export interface MobileNetV1ConfigParams {
  /** `num_channels`, 1..CONFIG_MAX_NUM_CHANNELS (64). @default 3 */
  numChannels?: number;
  /** `image_size` (a hint: the checkpoint's training resolution), 1..CONFIG_MAX_IMAGE_SIZE (8192). @default 224 */
  imageSize?: number;
  /** `depth_multiplier` (α), > 0 and ≤ CONFIG_MAX_DEPTH_MULTIPLIER (8). @default 1.0 */
  depthMultiplier?: number;
  /** `min_depth`, 1..CONFIG_MAX_MIN_DEPTH (8192). @default 8 */
  minDepth?: number;
  /** `hidden_act`, one of SUPPORTED_HIDDEN_ACTS. @default "relu6" */
  hiddenAct?: string;
  /** `tf_padding`. @default true */
  tfPadding?: boolean;
  /** `classifier_dropout_prob`, in [0, 1]. @default 0.999 (HF's value) */
  classifierDropoutProb?: number;
  /** `initializer_range`, ≥ 0. @default 0.02 */
  initializerRange?: number;
  /** `layer_norm_eps` (batch norm epsilon), > 0 and ≤ CONFIG_MAX_LAYER_NORM_EPS (1). @default 0.001 */
  layerNormEps?: number;
  /** `id2label`: index → name, indices exactly 0..N-1. @default LABEL_i for `numLabels` labels */
  id2label?: Readonly<Record<number, string>>;
  /** `label2id`: name → index, consistent with id2label. @default derived from id2label (later index wins) */
  label2id?: Readonly<Record<string, number>>;
  /** `num_labels`, 0..CONFIG_MAX_NUM_LABELS (100 000); alone it creates `LABEL_0..LABEL_{n-1}`, with id2label it must equal its size. @default 2 */
  numLabels?: number;
  /** `architectures`. @default null */
  architectures?: readonly string[] | null;
  /** `problem_type`. @default null */
  problemType?: ProblemType | null;
  /** `output_hidden_states`. @default false */
  outputHiddenStates?: boolean;
  /** `torch_dtype`. @default null */
  torchDtype?: string | null;
  /** `transformers_version`. @default null */
  transformersVersion?: string | null;
  /** Other config.json fields (snake_case), kept as-is so `toJSON()` round-trips. @default {} */
  extra?: Readonly<Record<string, unknown>>;
}

/**
 * config.json keys that map to a typed parameter (`model_type` is checked, not stored; every other key
 * lands in `extra`).
 */
export const CONFIG_JSON_KEYS = {
  num_channels: "numChannels",
  image_size: "imageSize",
  depth_multiplier: "depthMultiplier",
  min_depth: "minDepth",
  hidden_act: "hiddenAct",
  tf_padding: "tfPadding",
  classifier_dropout_prob: "classifierDropoutProb",
  initializer_range: "initializerRange",
  layer_norm_eps: "layerNormEps",
  id2label: "id2label",
  label2id: "label2id",
  num_labels: "numLabels",
  architectures: "architectures",
  problem_type: "problemType",
  output_hidden_states: "outputHiddenStates",
  torch_dtype: "torchDtype",
  transformers_version: "transformersVersion",
} as const satisfies Record<string, keyof MobileNetV1ConfigParams>;

/** True for a snake_case key that has a typed field (or is `model_type`). */
export function isTypedConfigKey(key: string): boolean {
  return key === "model_type" || Object.hasOwn(CONFIG_JSON_KEYS, key);
}
