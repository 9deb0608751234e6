import { ModelFileNotFoundError } from "../errors/errors.js";
import { MODEL_FILES } from "../io/model-files.js";
import type { ModelFiles } from "../io/model-source.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import type { StateDict } from "../weights/state-dict.js";
import { readTorchBin } from "../weights/torch-bin-reader.js";

/**
 * Float weight files to look for, in order of preference (HF's `use_safetensors` rules).
 *
 * @example
 * floatWeightFiles(undefined) // ["model.safetensors", "pytorch_model.bin"]
 */
export function floatWeightFiles(useSafetensors: boolean | undefined): string[] {
  if (useSafetensors === true) return [MODEL_FILES.safetensors];
  if (useSafetensors === false) return [MODEL_FILES.torchBin];
  return [MODEL_FILES.safetensors, MODEL_FILES.torchBin];
}

/**
 * Weight files to ask a source for (a hub repo fetches these together): the float files
 * `useSafetensors` allows, then `MODEL_FILES.int8Weights`, which only an int8 config.json makes us read.
 *
 * @example
 * weightFileCandidates(undefined) // ["model.safetensors", "pytorch_model.bin", "mobilenetv1_int8.safetensors"]
 */
export function weightFileCandidates(useSafetensors: boolean | undefined): string[] {
  return [...floatWeightFiles(useSafetensors), MODEL_FILES.int8Weights];
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
