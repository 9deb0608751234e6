import { ModelFileNotFoundError } from "../errors/errors.js";
import type { ModelFiles } from "../io/model-source.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import type { StateDict } from "../weights/state-dict.js";
import { readTorchBin } from "../weights/torch-bin-reader.js";

export const SAFETENSORS_FILE = "model.safetensors";
export const TORCH_BIN_FILE = "pytorch_model.bin";
/**
 * The weights file of an int8 checkpoint (safetensors). HF transformers' `from_pretrained` (4.x and 5.x)
 * only looks for `model.safetensors`, `pytorch_model.bin`, `tf_model.h5`, `model.ckpt.index`,
 * `flax_model.msgpack`, their `.index.json` shard indexes, their `variant` forms (`model.{variant}.safetensors`,
 * `model.safetensors.index.{variant}.json`, …) and PEFT's `adapter_model.*`; a name that starts with none of
 * `model.`, `pytorch_model.`, `tf_model.`, `flax_model.`, `adapter_model.` can never be taken for float
 * weights, whatever `variant` is passed.
 */
export const INT8_WEIGHTS_FILE = "mobilenetv1_int8.safetensors";

/**
 * Float weight files to look for, in order of preference (HF's `use_safetensors` rules).
 *
 * @example
 * floatWeightFiles(undefined) // ["model.safetensors", "pytorch_model.bin"]
 */
export function floatWeightFiles(useSafetensors: boolean | undefined): string[] {
  if (useSafetensors === true) return [SAFETENSORS_FILE];
  if (useSafetensors === false) return [TORCH_BIN_FILE];
  return [SAFETENSORS_FILE, TORCH_BIN_FILE];
}

/**
 * Weight files to ask a source for (a hub repo fetches these together): the float files
 * `useSafetensors` allows, then {@link INT8_WEIGHTS_FILE}, which only an int8 config.json makes us read.
 *
 * @example
 * weightFileCandidates(undefined) // ["model.safetensors", "pytorch_model.bin", "mobilenetv1_int8.safetensors"]
 */
export function weightFileCandidates(useSafetensors: boolean | undefined): string[] {
  return [...floatWeightFiles(useSafetensors), INT8_WEIGHTS_FILE];
}

/**
 * Reads the state dict from the first float weight file present: model.safetensors, else pytorch_model.bin
 * (through the allow-list unpickler), as `useSafetensors` allows; or from exactly `file` when given.
 */
export async function loadStateDict(params: {
  files: ModelFiles;
  useSafetensors?: boolean;
  /** Read only these files, in this order. @default floatWeightFiles(useSafetensors) */
  candidates?: readonly string[];
}): Promise<{ stateDict: StateDict; file: string }> {
  const candidates = params.candidates ?? floatWeightFiles(params.useSafetensors);
  for (const file of candidates) {
    if (!(await params.files.exists(file))) continue;
    const bytes = await params.files.read(file);
    if (!bytes) continue;
    // The bytes were read for us alone, so the tensors may stay views into them (no second copy).
    const stateDict = file.endsWith(".safetensors")
      ? readSafetensors({ bytes, file, view: true }).tensors
      : readTorchBin({ bytes, file });
    return { stateDict, file };
  }
  throw new ModelFileNotFoundError({ location: params.files.location, files: candidates });
}
