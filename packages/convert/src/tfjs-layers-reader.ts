import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileFormatError } from "@mobilenetv1/core";
import type { RawTensor } from "./tensor-layout.js";

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

interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

/**
 * Reads a TF.js layers model (model.json + binary shards) from a folder. The format is small: JSON
 * whose `weightsManifest` lists groups of shard files; a group's shards, concatenated, hold its
 * weights back to back as little-endian float32 in manifest order.
 *
 * @throws FileFormatError when model.json is not a layers model, a weight is quantized or not float32,
 *   or a group's shards are shorter or longer than its manifest says.
 * @example
 * const m = await readTfjsLayersModel({ modelDir: "../shared/weights/keras_mobilenet_v1_0.75_224.tfjs" });
 * m.weights.get("conv1/kernel")?.dims // [3, 3, 3, 24]
 */
export async function readTfjsLayersModel(params: {
  /** Folder holding model.json and its shards. */
  modelDir: string;
}): Promise<TfjsLayersModel> {
  const file = join(params.modelDir, "model.json");
  const json = JSON.parse(await readFile(file, "utf8")) as {
    modelTopology?: TfjsLayersModel["modelTopology"];
    weightsManifest?: ManifestGroup[];
  };
  const layers = json.modelTopology?.model_config?.config?.layers;
  if (!json.modelTopology || !Array.isArray(layers) || !Array.isArray(json.weightsManifest)) {
    throw new FileFormatError({
      format: "tfjs-layers",
      file,
      message: "expected a TF.js layers model: modelTopology.model_config.config.layers and weightsManifest",
    });
  }
  const weights = new Map<string, RawTensor>();
  const weightSpecs: { name: string; shape: number[]; dtype: string }[] = [];
  const chunks: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    const parts = await Promise.all(group.paths.map((p) => readFile(join(params.modelDir, p))));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== "float32" || w.quantization) {
        const what = w.quantization ? `quantized (${JSON.stringify(w.quantization)})` : `of dtype ${w.dtype}`;
        throw new FileFormatError({
          format: "tfjs-layers",
          file,
          message: `weight ${w.name} is ${what}; only float32 models are supported`,
        });
      }
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (offset + size * 4 > bytes.length) {
        throw new FileFormatError({
          format: "tfjs-layers",
          file,
          message: `shards of ${group.paths.join(", ")} end before weight ${w.name}`,
        });
      }
      // slice() copies into a fresh, 4-byte-aligned buffer.
      const data = new Float32Array(bytes.slice(offset, offset + size * 4).buffer);
      weights.set(w.name.replace(/:0$/, ""), { dims: w.shape, data });
      weightSpecs.push({ name: w.name, shape: w.shape, dtype: w.dtype });
      offset += size * 4;
    }
    if (offset !== bytes.length) {
      throw new FileFormatError({
        format: "tfjs-layers",
        file,
        message: `shards of ${group.paths.join(", ")} hold ${bytes.length} bytes, the manifest ${offset}`,
      });
    }
    chunks.push(bytes);
  }
  const weightData = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    weightData.set(c, at);
    at += c.length;
  }
  return { modelTopology: json.modelTopology, layers, weights, weightSpecs, weightData: weightData.buffer };
}
