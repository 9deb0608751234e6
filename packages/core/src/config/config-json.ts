/**
 * config.json ⇄ {@link MobileNetV1Config}: the snake_case names, which PretrainedConfig fields HF leaves
 * out when they hold their defaults (`to_diff_dict`), and the exact text HF writes.
 */
import { ConfigError } from "../errors/errors.js";
import { JSON_MAX_DEPTH, valueNestingDepth } from "../io/json-text.js";
import type { MobileNetV1Config } from "./config.js";
import { CONFIG_JSON_KEYS, type MobileNetV1ConfigParams } from "./config-params.js";
import { isPlainObject } from "./config-validation.js";
import { MOBILENET_V1_CONFIG_DEFAULTS as D, defaultId2label, MOBILENET_V1_MODEL_TYPE } from "./defaults.js";
import { compareCodePoints, toPythonJsonText } from "./python-json.js";

/** Python floats in HF's class: written as `1.0`, never `1`. */
const FLOAT_KEYS: ReadonlySet<string> = new Set([
  "depth_multiplier",
  "classifier_dropout_prob",
  "initializer_range",
  "layer_norm_eps",
]);

/**
 * Splits a parsed config.json into constructor parameters: typed keys by their camelCase name, the rest
 * into `extra`. `model_type`, when present, must be `"mobilenet_v1"`; the object may nest at most
 * JSON_MAX_DEPTH levels. Values are not checked here; the constructor checks them.
 *
 * @example
 * paramsFromConfigJSON({ json: { depth_multiplier: 0.5, _name_or_path: "x" } })
 * // { depthMultiplier: 0.5, extra: { _name_or_path: "x" } }
 */
export function paramsFromConfigJSON(params: {
  /** The parsed config.json. */
  json: unknown;
}): MobileNetV1ConfigParams {
  const { json } = params;
  if (!isPlainObject(json))
    throw new ConfigError({ field: "(root)", value: json, expected: "a JSON object" });
  // Parsed by anyone's JSON.parse: the fields are copied and written back recursively, so bound the depth.
  const depth = valueNestingDepth({ value: json, stopAbove: JSON_MAX_DEPTH });
  if (depth > JSON_MAX_DEPTH) {
    throw new ConfigError({
      field: "(root)",
      value: `a value nested more than ${JSON_MAX_DEPTH} levels deep`,
      expected: `at most ${JSON_MAX_DEPTH} levels of nesting (JSON_MAX_DEPTH)`,
    });
  }
  if ("model_type" in json && json["model_type"] !== MOBILENET_V1_MODEL_TYPE) {
    throw new ConfigError({
      field: "model_type",
      value: json["model_type"],
      expected: `"${MOBILENET_V1_MODEL_TYPE}" (this is not a MobileNetV1 config)`,
    });
  }
  const fields: Record<string, unknown> = {};
  const extra: [string, unknown][] = [];
  for (const [key, value] of Object.entries(json)) {
    if (key === "model_type") continue;
    if (Object.hasOwn(CONFIG_JSON_KEYS, key))
      fields[CONFIG_JSON_KEYS[key as keyof typeof CONFIG_JSON_KEYS]] = value;
    else extra.push([key, value]);
  }
  return { ...(fields as MobileNetV1ConfigParams), extra: Object.fromEntries(extra) };
}

/**
 * The snake_case object HF's `save_pretrained` writes (its `to_diff_dict`): every MobileNetV1 field and
 * `model_type` always; `id2label`/`label2id` unless they are the default LABEL_0/LABEL_1 pair; the other
 * PretrainedConfig fields only when not at their defaults; `extra` as given. `num_labels` is never written
 * (HF derives it from id2label).
 *
 * @example
 * configToJSON({ config: new MobileNetV1Config() })
 * // { classifier_dropout_prob: 0.999, depth_multiplier: 1, hidden_act: "relu6", image_size: 224,
 * //   initializer_range: 0.02, layer_norm_eps: 0.001, min_depth: 8, model_type: "mobilenet_v1",
 * //   num_channels: 3, tf_padding: true }
 */
export function configToJSON(params: {
  /** The config to write. */
  config: MobileNetV1Config;
}): Record<string, unknown> {
  const c = params.config;
  const out: Record<string, unknown> = {
    ...structuredClone(c.extra),
    num_channels: c.numChannels,
    image_size: c.imageSize,
    depth_multiplier: c.depthMultiplier,
    min_depth: c.minDepth,
    hidden_act: c.hiddenAct,
    tf_padding: c.tfPadding,
    classifier_dropout_prob: c.classifierDropoutProb,
    initializer_range: c.initializerRange,
    layer_norm_eps: c.layerNormEps,
    model_type: MOBILENET_V1_MODEL_TYPE,
  };
  if (!hasDefaultLabels(c)) {
    out["id2label"] = Object.fromEntries(Object.entries(c.id2label));
    out["label2id"] = Object.fromEntries(sortedEntries(c.label2id));
  }
  if (c.architectures !== null) out["architectures"] = [...c.architectures];
  if (c.problemType !== null) out["problem_type"] = c.problemType;
  if (c.outputHiddenStates) out["output_hidden_states"] = true;
  if (c.torchDtype !== null) out["torch_dtype"] = c.torchDtype;
  if (c.transformersVersion !== null) out["transformers_version"] = c.transformersVersion;
  return Object.fromEntries(sortedEntries(out));
}

/**
 * config.json text as HF writes it: `json.dumps(config_dict, indent=2, sort_keys=True) + "\n"`, with the
 * four float fields written as Python floats.
 *
 * @example
 * configToJSONText({ config: new MobileNetV1Config() }).split("\n").slice(0, 3)
 * // ["{", '  "classifier_dropout_prob": 0.999,', '  "depth_multiplier": 1.0,']
 */
export function configToJSONText(params: {
  /** The config to write. */
  config: MobileNetV1Config;
}): string {
  return `${toPythonJsonText({ value: configToJSON(params), floatKeys: FLOAT_KEYS })}\n`;
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort((a, b) => compareCodePoints(a[0], b[0]));
}

/** HF compares against `PretrainedConfig()`, whose maps are {0: "LABEL_0", 1: "LABEL_1"} and the inverse. */
function hasDefaultLabels(c: MobileNetV1Config): boolean {
  const defaults = defaultId2label({ numLabels: D.numLabels });
  if (c.numLabels !== D.numLabels) return false;
  const namesDefault = Object.entries(defaults).every(([i, name]) => c.id2label[Number(i)] === name);
  const ids = Object.entries(c.label2id);
  return namesDefault && ids.length === D.numLabels && ids.every(([name, i]) => defaults[i] === name);
}
