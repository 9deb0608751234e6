import { ConfigError } from "../errors/errors.js";
import { parseJsonText } from "../io/json-text.js";
import {
  CONFIG_MAX_DEPTH_MULTIPLIER,
  CONFIG_MAX_IMAGE_SIZE,
  CONFIG_MAX_LAYER_NORM_EPS,
  CONFIG_MAX_MIN_DEPTH,
  CONFIG_MAX_NUM_CHANNELS,
  CONFIG_MAX_NUM_LABELS,
} from "./config-bounds.js";
import { configToJSON, configToJSONText, paramsFromConfigJSON } from "./config-json.js";
import { CONFIG_JSON_KEYS, type MobileNetV1ConfigParams } from "./config-params.js";
import {
  checkArchitectures,
  checkBoolean,
  checkExtra,
  checkHiddenAct,
  checkId2label,
  checkLabel2id,
  checkNumber,
  checkOptionalString,
  checkPositiveInteger,
  checkProblemType,
  deriveLabel2id,
} from "./config-validation.js";
import {
  MOBILENET_V1_CONFIG_DEFAULTS as D,
  defaultId2label,
  type ProblemType,
  type SupportedHiddenAct,
} from "./defaults.js";

export type { MobileNetV1ConfigParams } from "./config-params.js";

/**
 * HF's `MobileNetV1Config`, validated on construction and immutable. Field names are camelCase; JSON
 * (`fromJSON` / `toJSON`) uses HF's snake_case. Errors are {@link ConfigError}s naming the snake_case field.
 *
 * @example
 * const config = MobileNetV1Config.fromJSONText({ text: await readFile("config.json", "utf8"), file: "config.json" });
 * config.depthMultiplier // 0.75
 * config.numLabels // 1000
 * config.id2label[281] // "tabby, tabby cat"
 * config.with({ imageSize: 192 }).imageSize // 192
 */
export class MobileNetV1Config {
  /** Input image channels (`num_channels`). @default 3 */
  readonly numChannels: number;
  /** Training resolution (`image_size`); a hint, the network accepts other sizes. @default 224 */
  readonly imageSize: number;
  /** Width multiplier α (`depth_multiplier`), > 0. @default 1.0 */
  readonly depthMultiplier: number;
  /** Smallest channel count a layer is shrunk to (`min_depth`). @default 8 */
  readonly minDepth: number;
  /** Activation after each batch norm (`hidden_act`). @default "relu6" */
  readonly hiddenAct: SupportedHiddenAct;
  /** TF "SAME" padding (`tf_padding`). @default true */
  readonly tfPadding: boolean;
  /** Classifier dropout (`classifier_dropout_prob`), training only. @default 0.999 */
  readonly classifierDropoutProb: number;
  /** Std of the random init (`initializer_range`). @default 0.02 */
  readonly initializerRange: number;
  /** Batch norm epsilon (`layer_norm_eps`). @default 0.001 */
  readonly layerNormEps: number;
  /** Class index → name (`id2label`); names may repeat. @default { 0: "LABEL_0", 1: "LABEL_1" } */
  readonly id2label: Readonly<Record<number, string>>;
  /** Name → class index (`label2id`); a repeated name keeps one index. @default inverse of id2label, later index wins */
  readonly label2id: Readonly<Record<string, number>>;
  /** `architectures`, e.g. `["MobileNetV1ForImageClassification"]`. @default null */
  readonly architectures: readonly string[] | null;
  /** `problem_type`. @default null */
  readonly problemType: ProblemType | null;
  /** `output_hidden_states`. @default false */
  readonly outputHiddenStates: boolean;
  /** `torch_dtype`, e.g. `"float32"`. @default null */
  readonly torchDtype: string | null;
  /** `transformers_version`. @default null */
  readonly transformersVersion: string | null;
  /** config.json fields this class does not model, kept for round-trips. @default {} */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly #numLabels: number;

  /**
   * @example
   * new MobileNetV1Config({ depthMultiplier: 0.5, numLabels: 3 }).id2label // { 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2" }
   */
  constructor(params: MobileNetV1ConfigParams = {}) {
    const p = params as { [K in keyof MobileNetV1ConfigParams]?: unknown };
    const pick = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);
    const numChannels = pick(p.numChannels, D.numChannels);
    this.numChannels = checkPositiveInteger("num_channels", numChannels, CONFIG_MAX_NUM_CHANNELS);
    this.imageSize = checkPositiveInteger(
      "image_size",
      pick(p.imageSize, D.imageSize),
      CONFIG_MAX_IMAGE_SIZE,
    );
    this.depthMultiplier = checkNumber("depth_multiplier", pick(p.depthMultiplier, D.depthMultiplier), {
      exclusiveMin: 0,
      max: CONFIG_MAX_DEPTH_MULTIPLIER,
      expected: `a number greater than 0 and at most ${CONFIG_MAX_DEPTH_MULTIPLIER}`,
    });
    this.minDepth = checkPositiveInteger("min_depth", pick(p.minDepth, D.minDepth), CONFIG_MAX_MIN_DEPTH);
    this.hiddenAct = checkHiddenAct(pick(p.hiddenAct, D.hiddenAct));
    this.tfPadding = checkBoolean("tf_padding", pick(p.tfPadding, D.tfPadding));
    this.classifierDropoutProb = checkNumber(
      "classifier_dropout_prob",
      pick(p.classifierDropoutProb, D.classifierDropoutProb),
      {
        min: 0,
        max: 1,
        expected: "a probability in [0, 1]",
      },
    );
    this.initializerRange = checkNumber("initializer_range", pick(p.initializerRange, D.initializerRange), {
      min: 0,
      expected: "a finite number ≥ 0",
    });
    this.layerNormEps = checkNumber("layer_norm_eps", pick(p.layerNormEps, D.layerNormEps), {
      exclusiveMin: 0,
      max: CONFIG_MAX_LAYER_NORM_EPS,
      expected: `a number greater than 0 and at most ${CONFIG_MAX_LAYER_NORM_EPS}`,
    });

    if (
      p.numLabels !== undefined &&
      (typeof p.numLabels !== "number" ||
        !Number.isSafeInteger(p.numLabels) ||
        p.numLabels < 0 ||
        p.numLabels > CONFIG_MAX_NUM_LABELS)
    ) {
      throw new ConfigError({
        field: "num_labels",
        value: p.numLabels,
        expected: `an integer from 0 to ${CONFIG_MAX_NUM_LABELS}`,
      });
    }
    const numLabels = p.numLabels as number | undefined;
    this.id2label = checkId2label(pick(p.id2label, defaultId2label({ numLabels: numLabels ?? D.numLabels })));
    this.#numLabels = Object.keys(this.id2label).length;
    if (numLabels !== undefined && numLabels !== this.#numLabels) {
      throw new ConfigError({
        field: "num_labels",
        value: numLabels,
        expected: `${this.#numLabels}, the number of id2label entries`,
      });
    }
    this.label2id =
      p.label2id === undefined
        ? deriveLabel2id(this.id2label)
        : checkLabel2id(p.label2id, this.id2label, this.#numLabels);

    this.architectures = checkArchitectures(pick(p.architectures, D.architectures));
    this.problemType = checkProblemType(pick(p.problemType, D.problemType));
    this.outputHiddenStates = checkBoolean(
      "output_hidden_states",
      pick(p.outputHiddenStates, D.outputHiddenStates),
    );
    this.torchDtype = checkOptionalString("torch_dtype", pick(p.torchDtype, D.torchDtype));
    this.transformersVersion = checkOptionalString(
      "transformers_version",
      pick(p.transformersVersion, D.transformersVersion),
    );
    this.extra = Object.freeze(checkExtra(pick(p.extra, {})));
    Object.freeze(this);
  }

  /** `num_labels`: the number of id2label entries (HF derives it the same way). */
  get numLabels(): number {
    return this.#numLabels;
  }

  /**
   * Reads a parsed config.json. Unknown fields go to `extra`; `model_type`, when present, must be
   * `"mobilenet_v1"`. ConfigError messages are prefixed with `file` when given.
   *
   * @example
   * MobileNetV1Config.fromJSON({ json: { depth_multiplier: 0.25, num_labels: 1001 } }).numLabels // 1001
   */
  static fromJSON(params: {
    /** The parsed config.json. */
    json: unknown;
    /** File name for error messages. @default undefined */
    file?: string;
  }): MobileNetV1Config {
    try {
      return new MobileNetV1Config(paramsFromConfigJSON({ json: params.json }));
    } catch (e) {
      if (!(e instanceof ConfigError) || !params.file) throw e;
      const { field, value, expected } = e;
      throw new ConfigError({ field, value, expected, message: `${params.file}: ${e.message}` });
    }
  }

  /**
   * Parses config.json text. Text that is not JSON, or nests deeper than `maxDepth`, throws FileFormatError
   * (format `"json"`).
   *
   * @example
   * MobileNetV1Config.fromJSONText({ text: '{"depth_multiplier": 0.5}' }).depthMultiplier // 0.5
   */
  static fromJSONText(params: {
    /** The file's contents. */
    text: string;
    /** File name for error messages. @default undefined */
    file?: string;
    /** Deepest JSON nesting accepted. @default JSON_MAX_DEPTH (1000) */
    maxDepth?: number;
  }): MobileNetV1Config {
    const json = parseJsonText({ text: params.text, file: params.file, maxDepth: params.maxDepth });
    return MobileNetV1Config.fromJSON({ json, file: params.file });
  }

  /**
   * The snake_case object HF's `save_pretrained` writes (see {@link configToJSON}). Keys are inserted in
   * Python's sorted order, but JS enumerates integer-like keys (id2label's) numerically; `toJSONText()`
   * writes the exact order.
   *
   * @example
   * new MobileNetV1Config({ depthMultiplier: 0.75 }).toJSON().depth_multiplier // 0.75
   */
  toJSON(): Record<string, unknown> {
    return configToJSON({ config: this });
  }

  /**
   * config.json text byte-for-byte as HF writes it: `json.dumps(indent=2, sort_keys=True)` plus `"\n"`.
   *
   * @example
   * new MobileNetV1Config().toJSONText().split("\n")[2] // '  "depth_multiplier": 1.0,'
   */
  toJSONText(): string {
    return configToJSONText({ config: this });
  }

  /**
   * A modified copy. Changing `id2label` or `numLabels` without `label2id` re-derives label2id; changing
   * `numLabels` alone to a different count resets the names to LABEL_i (like HF's `num_labels` setter).
   *
   * @example
   * new MobileNetV1Config().with({ numLabels: 5 }).id2label[4] // "LABEL_4"
   */
  with(changes: MobileNetV1ConfigParams): MobileNetV1Config {
    const defined = Object.entries(changes).filter(([, v]) => v !== undefined);
    const next: MobileNetV1ConfigParams = { ...this.#params(), ...Object.fromEntries(defined) };
    const { id2label, label2id, numLabels } = changes;
    if ((id2label !== undefined || numLabels !== undefined) && label2id === undefined) delete next.label2id;
    if (id2label === undefined && numLabels !== undefined && numLabels !== this.numLabels)
      delete next.id2label;
    return new MobileNetV1Config(next);
  }

  /** The constructor parameters that rebuild this config (numLabels is implied by id2label). */
  #params(): MobileNetV1ConfigParams {
    const names = Object.values(CONFIG_JSON_KEYS).filter((n) => n !== "numLabels");
    return { ...Object.fromEntries(names.map((n) => [n, this[n]])), extra: this.extra };
  }
}
