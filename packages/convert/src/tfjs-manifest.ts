/**
 * Validation of a TF.js model.json's shape before anything in it is used: every field the reader touches
 * is checked for its type, so a hostile or broken file gives a FileFormatError naming the field instead
 * of a TypeError deep inside the converter.
 */
import { FileFormatError } from "@mobilenetv1/core";
import type { KerasLayer } from "./tfjs-layers-reader.js";

/** One weight of a manifest group, validated. */
export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: unknown;
  /** Bytes it takes as float32. */
  readonly bytes: number;
}

/** One group of the weights manifest: its shard paths and its weights, back to back in those shards. */
export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly ManifestWeight[];
  /** Sum of the weights' bytes: what the shards, concatenated, must hold exactly. */
  readonly bytes: number;
}

/** A TF.js layers model.json, validated. */
export interface TfjsModelJson {
  readonly modelTopology: Record<string, unknown>;
  readonly layers: readonly KerasLayer[];
  readonly groups: readonly ManifestGroup[];
}

/**
 * Parses and validates model.json text.
 *
 * @throws FileFormatError naming `file` and the first field that is missing or of the wrong type.
 * @example
 * parseTfjsModelJson({ text: await readFile("m/model.json", "utf8"), file: "m/model.json" }).groups.length // 1
 */
export function parseTfjsModelJson(params: { text: string; file: string }): TfjsModelJson {
  const { file } = params;
  const fail = (message: string, cause?: unknown) =>
    new FileFormatError({ format: "tfjs-layers", file, message, cause });
  let json: unknown;
  try {
    json = JSON.parse(params.text);
  } catch (error) {
    throw new FileFormatError({
      format: "json",
      file,
      message: `is not JSON (${error instanceof Error ? error.message : String(error)}): expected a TF.js model.json`,
      cause: error,
    });
  }
  const root = isObject(json) ? json : undefined;
  const topology = isObject(root?.modelTopology) ? root.modelTopology : undefined;
  const modelConfig = isObject(topology?.model_config) ? topology.model_config : undefined;
  const config = isObject(modelConfig?.config) ? modelConfig.config : undefined;
  const layers = config?.layers;
  if (!root || !topology || !Array.isArray(layers) || !Array.isArray(root.weightsManifest)) {
    throw fail("expected a TF.js layers model: modelTopology.model_config.config.layers and weightsManifest");
  }
  layers.forEach((layer, i) => {
    if (
      !isObject(layer) ||
      typeof layer.class_name !== "string" ||
      typeof layer.name !== "string" ||
      !isObject(layer.config)
    ) {
      throw fail(`modelTopology.model_config.config.layers[${i}] is not {class_name, name, config}`);
    }
  });
  const groups = root.weightsManifest.map((group: unknown, g: number): ManifestGroup => {
    const at = `weightsManifest[${g}]`;
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw fail(`${at} is not {paths: string[], weights: object[]}`);
    }
    if (group.paths.length === 0 || !group.paths.every((p) => typeof p === "string")) {
      throw fail(`${at}.paths must be a non-empty list of file names`);
    }
    const weights = group.weights.map((w: unknown, i: number) =>
      parseWeight({ w, at: `${at}.weights[${i}]`, fail }),
    );
    const bytes = weights.reduce((n, w) => n + w.bytes, 0);
    if (!Number.isSafeInteger(bytes)) throw fail(`${at}: the weights' sizes add up past any real file`);
    return { paths: group.paths as string[], weights, bytes };
  });
  return { modelTopology: topology, layers: layers as KerasLayer[], groups };
}

function parseWeight(params: {
  w: unknown;
  at: string;
  fail: (message: string) => FileFormatError;
}): ManifestWeight {
  const { w, at, fail } = params;
  if (!isObject(w) || typeof w.name !== "string" || typeof w.dtype !== "string" || !Array.isArray(w.shape)) {
    throw fail(`${at} is not {name: string, shape: number[], dtype: string}`);
  }
  if (!w.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw fail(
      `${at} (${w.name}) has shape ${JSON.stringify(w.shape).slice(0, 100)}: expected non-negative integers`,
    );
  }
  if (w.dtype !== "float32" || (w.quantization !== undefined && w.quantization !== null)) {
    const what = w.quantization ? `quantized (${JSON.stringify(w.quantization)})` : `of dtype ${w.dtype}`;
    throw fail(`weight ${w.name} is ${what}; only float32 models are supported`);
  }
  const bytes = (w.shape as number[]).reduce((a, b) => a * b, 4);
  if (!Number.isSafeInteger(bytes))
    throw fail(`${at} (${w.name}) has shape ${JSON.stringify(w.shape)}: too large`);
  return { name: w.name, shape: w.shape as number[], dtype: w.dtype, bytes };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
