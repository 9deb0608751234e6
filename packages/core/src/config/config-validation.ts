/**
 * Field checks for {@link MobileNetV1Config}. Values arrive as `unknown` because most come straight from a
 * config.json; every failure is a ConfigError naming the snake_case field HF uses, the value and what was
 * expected.
 */
import { ConfigError } from "../errors/errors.js";
import { CONFIG_MAX_NUM_LABELS } from "./config-bounds.js";
import { isTypedConfigKey } from "./config-params.js";
import {
  PROBLEM_TYPES,
  type ProblemType,
  SUPPORTED_HIDDEN_ACTS,
  type SupportedHiddenAct,
} from "./defaults.js";

const CANONICAL_INDEX = /^(?:0|[1-9][0-9]*)$/;

function fail(field: string, value: unknown, expected: string): never {
  throw new ConfigError({ field, value, expected });
}

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An integer in 1..`max` (`num_channels`, `image_size`, `min_depth`). */
export function checkPositiveInteger(field: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    fail(field, value, `an integer from 1 to ${max}`);
  }
  return value;
}

/** A finite number within bounds; `exclusiveMin` for fields that must stay above zero. */
export function checkNumber(
  field: string,
  value: unknown,
  bounds: { min?: number; exclusiveMin?: number; max?: number; expected: string },
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.exclusiveMin === undefined || value > bounds.exclusiveMin) &&
    (bounds.max === undefined || value <= bounds.max);
  if (!ok) fail(field, value, bounds.expected);
  return value as number;
}

/** `true` or `false`. */
export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(field, value, "true or false");
  return value;
}

/** A string or null (`torch_dtype`, `transformers_version`). */
export function checkOptionalString(field: string, value: unknown): string | null {
  if (value !== null && typeof value !== "string") fail(field, value, "a string or null");
  return value;
}

/** One of {@link SUPPORTED_HIDDEN_ACTS}. */
export function checkHiddenAct(value: unknown): SupportedHiddenAct {
  if (!(SUPPORTED_HIDDEN_ACTS as readonly unknown[]).includes(value)) {
    fail(
      "hidden_act",
      value,
      `one of ${SUPPORTED_HIDDEN_ACTS.map((a) => JSON.stringify(a)).join(", ")} (the activations the ONNX graph builder emits)`,
    );
  }
  return value as SupportedHiddenAct;
}

/** null or one of {@link PROBLEM_TYPES}. */
export function checkProblemType(value: unknown): ProblemType | null {
  if (value !== null && !(PROBLEM_TYPES as readonly unknown[]).includes(value)) {
    fail("problem_type", value, `null or one of ${PROBLEM_TYPES.map((p) => JSON.stringify(p)).join(", ")}`);
  }
  return value as ProblemType | null;
}

/** null or an array of strings (`architectures`). */
export function checkArchitectures(value: unknown): readonly string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    fail(
      "architectures",
      value,
      'null or an array of class names, e.g. ["MobileNetV1ForImageClassification"]',
    );
  }
  return Object.freeze([...value]);
}

/**
 * `id2label`: keys exactly the integers 0..N-1 (as JSON writes them, `"0"`, `"1"`, ...), values strings.
 * Duplicate names are allowed (ImageNet has two "crane" classes). Returns a frozen copy.
 */
export function checkId2label(value: unknown): Readonly<Record<number, string>> {
  if (!isPlainObject(value)) fail("id2label", value, 'an object mapping "0".."N-1" to label names');
  const keys = Object.keys(value);
  const n = keys.length;
  if (n > CONFIG_MAX_NUM_LABELS) {
    throw new ConfigError({
      field: "id2label",
      value: `${n} entries`,
      expected: `at most ${CONFIG_MAX_NUM_LABELS} labels (CONFIG_MAX_NUM_LABELS)`,
    });
  }
  for (const key of keys) {
    if (!CANONICAL_INDEX.test(key) || Number(key) >= n) {
      throw new ConfigError({
        field: "id2label",
        value: key,
        expected: `keys exactly "0".."${n - 1}" (one per label)`,
        message: `config.id2label has key ${JSON.stringify(key)}: expected keys exactly "0".."${n - 1}" (one per label, ${n} labels)`,
      });
    }
    const label = value[key];
    if (typeof label !== "string") fail(`id2label[${key}]`, label, "a label name (string)");
  }
  const entries = keys.map((k) => [Number(k), value[k] as string] as const).sort((a, b) => a[0] - b[0]);
  return Object.freeze(Object.fromEntries(entries));
}

/**
 * `label2id`: every entry maps a name to an index in range whose `id2label` name is that same name. It may
 * have fewer entries than id2label (duplicate names keep one index; HF's `{v: k}` keeps the later one).
 */
export function checkLabel2id(
  value: unknown,
  id2label: Readonly<Record<number, string>>,
  numLabels: number,
): Readonly<Record<string, number>> {
  if (!isPlainObject(value)) fail("label2id", value, "an object mapping label names to indices");
  const field = (name: string) => `label2id[${JSON.stringify(name)}]`;
  for (const [name, index] of Object.entries(value)) {
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= numLabels) {
      fail(field(name), index, `an integer index in 0..${numLabels - 1}`);
    }
    if (id2label[index] !== name) {
      fail(
        field(name),
        index,
        `an index whose id2label name is ${JSON.stringify(name)} (id2label[${index}] is ${JSON.stringify(id2label[index])})`,
      );
    }
  }
  // A copy of validated string → integer entries; the JSON round trip is several times faster in V8 than
  // Object.fromEntries for ImageNet's 1000 names (milliseconds at every load), and keeps "__proto__" data.
  return Object.freeze(JSON.parse(JSON.stringify(value)) as Record<string, number>);
}

/** HF's `{v: k for k, v in id2label.items()}`: for duplicate names the later index wins. */
export function deriveLabel2id(id2label: Readonly<Record<number, string>>): Readonly<Record<string, number>> {
  const entries = Object.entries(id2label).map(([k, v]) => [v, Number(k)] as const);
  return Object.freeze(Object.fromEntries(entries));
}

/** `extra`: a plain object of untyped config.json fields; a typed field there would be ambiguous. */
export function checkExtra(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) fail("extra", value, "an object of config.json fields");
  for (const key of Object.keys(value)) {
    if (isTypedConfigKey(key)) {
      fail(
        `extra.${key}`,
        value[key],
        `no "${key}" in extra: it is a typed field (pass it as a camelCase parameter)`,
      );
    }
  }
  return structuredClone(value);
}
