/**
 * Byte caps on the model files read from a local folder, checked from the file's size before reading:
 * JSON files are small, and a weights file bigger than any MobileNet is refused with its size instead of
 * exhausting memory (or failing with Node's raw ERR_FS_FILE_TOO_LARGE past 2 GiB).
 */
import { ConfigError } from "../errors/errors.js";

/** Default cap on a `.json` model file: ImageNet-1k's config.json is 69 KB. Env `MOBILENET_MAX_JSON_FILE_BYTES`. */
export const MAX_JSON_FILE_BYTES = 16 * 2 ** 20;
/**
 * Default cap on any other model file (weights): MobileNetV1 1.0's model.safetensors is 17 MB; 1 GiB holds a
 * float32 network 60× that. Env `MOBILENET_MAX_MODEL_FILE_BYTES`.
 */
export const MAX_MODEL_FILE_BYTES = 2 ** 30;

export const MAX_JSON_FILE_BYTES_ENV = "MOBILENET_MAX_JSON_FILE_BYTES";
export const MAX_MODEL_FILE_BYTES_ENV = "MOBILENET_MAX_MODEL_FILE_BYTES";

/**
 * The cap for file `name`: the option when given, else the environment variable, else the default.
 *
 * @throws {ConfigError} when the environment variable is set but is not a positive integer.
 * @example
 * fileByteLimit({ name: "config.json", options: {}, env: {} }) // { limit: 16777216, limitName: "maxJsonFileBytes / MOBILENET_MAX_JSON_FILE_BYTES" }
 */
export function fileByteLimit(params: {
  name: string;
  options: { maxJsonFileBytes?: number; maxModelFileBytes?: number };
  env: Readonly<Record<string, string | undefined>>;
}): { limit: number; limitName: string } {
  const json = params.name.endsWith(".json");
  const [option, envName, fallback] = json
    ? (["maxJsonFileBytes", MAX_JSON_FILE_BYTES_ENV, MAX_JSON_FILE_BYTES] as const)
    : (["maxModelFileBytes", MAX_MODEL_FILE_BYTES_ENV, MAX_MODEL_FILE_BYTES] as const);
  const limitName = `${option} / ${envName}`;
  const fromOption = params.options[option];
  if (fromOption !== undefined) return { limit: fromOption, limitName };
  const text = params.env[envName];
  if (text === undefined || text === "") return { limit: fallback, limitName };
  if (!/^[1-9][0-9]*$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new ConfigError({ field: envName, value: text, expected: "a positive integer number of bytes" });
  }
  return { limit: Number(text), limitName };
}
