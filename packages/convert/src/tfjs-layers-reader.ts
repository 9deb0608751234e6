import { stat } from "node:fs/promises";
import { join } from "node:path";
import { FileFormatError } from "@mobilenetv1/core";
import { ConvertInputFileError } from "./errors/convert-errors.js";
import {
  CONVERT_MAX_BYTES_ENV,
  confinedPath,
  DEFAULT_MAX_CONVERT_INPUT_BYTES,
  DEFAULT_MAX_MODEL_JSON_BYTES,
  readInputFile,
} from "./input-files.js";
import type { RawTensor } from "./tensor-layout.js";
import { parseTfjsModelJson } from "./tfjs-manifest.js";

/** One Keras layer of a TF.js layers model's topology (`model_config.config.layers[i]`). */
export interface KerasLayer {
  readonly class_name: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A TF.js layers model: its Keras topology and its weights by name (`conv1/kernel`, ...). */
export interface TfjsLayersModel {
  /** `modelTopology` from model.json, as written by tensorflowjs_converter. */
  readonly modelTopology: {
    readonly model_config?: { readonly config?: { readonly layers?: readonly KerasLayer[] } };
  } & Record<string, unknown>;
  /** The Keras layers in topology order. */
  readonly layers: readonly KerasLayer[];
  /** Float32 weights by manifest name, with a trailing `:0` removed. */
  readonly weights: ReadonlyMap<string, RawTensor>;
  /** The manifest entries in file order, for runners that rebuild the model (e.g. @tensorflow/tfjs). */
  readonly weightSpecs: readonly { name: string; shape: number[]; dtype: string }[];
  /** All weight bytes concatenated in manifest order. */
  readonly weightData: ArrayBuffer;
}

/**
 * Reads a TF.js layers model (model.json + binary shards) from a folder. The format is small: JSON
 * whose `weightsManifest` lists groups of shard files; a group's shards, concatenated, hold its
 * weights back to back as little-endian float32 in manifest order.
 *
 * Everything in model.json is hostile input: shard paths must stay inside `modelDir` (lexically and after
 * symlinks), shards must be regular files whose sizes add up exactly to what the manifest says (checked
 * before reading), and the weights together are capped at `maxInputBytes`.
 *
 * @throws FileFormatError when model.json is not JSON or not a layers model, a weight is quantized or not
 *   float32, or a group's shards are shorter or longer than its manifest says.
 * @throws ConvertUnsafePathError for a shard path that leaves the folder.
 * @throws ModelFileNotFoundError when model.json or a shard does not exist.
 * @throws ConvertInputFileError for a shard that is not a regular file, or weights above the cap.
 * @example
 * const m = await readTfjsLayersModel({ modelDir: "../shared/weights/keras_mobilenet_v1_0.75_224.tfjs" });
 * m.weights.get("conv1/kernel")?.dims // [3, 3, 3, 24]
 */
export async function readTfjsLayersModel(params: {
  /** Folder holding model.json and its shards. */
  modelDir: string;
  /** Most bytes of all shards together. @default DEFAULT_MAX_CONVERT_INPUT_BYTES (256 MiB) */
  maxInputBytes?: number;
  /** Most bytes of model.json. @default DEFAULT_MAX_MODEL_JSON_BYTES (16 MiB) */
  maxModelJsonBytes?: number;
}): Promise<TfjsLayersModel> {
  const file = join(params.modelDir, "model.json");
  const maxInputBytes = params.maxInputBytes ?? DEFAULT_MAX_CONVERT_INPUT_BYTES;
  const jsonBytes = await readInputFile({
    file,
    maxBytes: params.maxModelJsonBytes ?? DEFAULT_MAX_MODEL_JSON_BYTES,
    expected: "a TF.js layers model.json",
  });
  const { modelTopology, layers, groups } = parseTfjsModelJson({
    text: new TextDecoder().decode(jsonBytes),
    file,
  });
  const total = groups.reduce((n, g) => n + g.bytes, 0);
  if (total > maxInputBytes) {
    throw new ConvertInputFileError({
      file,
      reason: "too-large",
      expected: `a manifest of at most ${maxInputBytes} bytes of weights (maxInputBytes, ${CONVERT_MAX_BYTES_ENV})`,
      bytes: total,
      limit: maxInputBytes,
    });
  }
  const weights = new Map<string, RawTensor>();
  const weightSpecs: { name: string; shape: number[]; dtype: string }[] = [];
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const group of groups) {
    // Every path is confined to the folder and every shard's size known before one byte is read, so a
    // shard larger than the manifest says is refused without reading it.
    const shards = await Promise.all(
      group.paths.map(async (path) => {
        const real = await confinedPath({ folder: params.modelDir, path, file });
        const info = await stat(real);
        if (!info.isFile()) {
          throw new ConvertInputFileError({
            file: join(params.modelDir, path),
            reason: "not-a-file",
            expected: `a TF.js weight shard named by ${file}`,
            detail: info.isDirectory() ? "a directory" : "not a regular file",
          });
        }
        return { path: real, size: info.size };
      }),
    );
    const held = shards.reduce((n, s) => n + s.size, 0);
    if (held !== group.bytes) {
      throw new FileFormatError({
        format: "tfjs-layers",
        file,
        message: `shards of ${group.paths.join(", ")} hold ${held} bytes, the manifest ${group.bytes}`,
      });
    }
    const start = at;
    for (const shard of shards) {
      const bytes = await readInputFile({
        file: shard.path,
        maxBytes: shard.size,
        expected: "a TF.js weight shard",
      });
      if (bytes.length !== shard.size) {
        throw new FileFormatError({
          format: "tfjs-layers",
          file: shard.path,
          message: "changed while being read",
        });
      }
      weightData.set(bytes, at);
      at += bytes.length;
    }
    let offset = start;
    for (const w of group.weights) {
      // slice() copies into a fresh, 4-byte-aligned buffer.
      const data = new Float32Array(weightData.slice(offset, offset + w.bytes).buffer);
      weights.set(w.name.replace(/:0$/, ""), { dims: w.shape, data });
      weightSpecs.push({ name: w.name, shape: [...w.shape], dtype: w.dtype });
      offset += w.bytes;
    }
  }
  return {
    modelTopology: modelTopology as TfjsLayersModel["modelTopology"],
    layers,
    weights,
    weightSpecs,
    weightData: weightData.buffer,
  };
}
