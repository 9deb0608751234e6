import { ModelFileNotFoundError } from "../errors/errors.js";
import type { ModelFiles } from "../io/model-source.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import type { StateDict } from "../weights/state-dict.js";
import { readTorchBin } from "../weights/torch-bin-reader.js";

export const SAFETENSORS_FILE = "model.safetensors";
export const TORCH_BIN_FILE = "pytorch_model.bin";

/** Weight files to ask a source for, in order of preference (HF's `use_safetensors` rules). */
export function weightFileCandidates(useSafetensors: boolean | undefined): string[] {
  if (useSafetensors === true) return [SAFETENSORS_FILE];
  if (useSafetensors === false) return [TORCH_BIN_FILE];
  return [SAFETENSORS_FILE, TORCH_BIN_FILE];
}

/**
 * Reads the state dict from the first weight file present: model.safetensors, else pytorch_model.bin
 * (through the allow-list unpickler), as `useSafetensors` allows.
 */
export async function loadStateDict(params: {
  files: ModelFiles;
  useSafetensors?: boolean;
}): Promise<{ stateDict: StateDict; file: string }> {
  const candidates = weightFileCandidates(params.useSafetensors);
  for (const file of candidates) {
    if (!(await params.files.exists(file))) continue;
    const bytes = await params.files.read(file);
    if (!bytes) continue;
    // The bytes were read for us alone, so the tensors may stay views into them (no second copy).
    const stateDict =
      file === SAFETENSORS_FILE
        ? readSafetensors({ bytes, file, view: true }).tensors
        : readTorchBin({ bytes, file });
    return { stateDict, file };
  }
  throw new ModelFileNotFoundError({ location: params.files.location, files: candidates });
}
