/**
 * `@mobilenetv1/core/weights`: checkpoint formats — safetensors read/write, PyTorch's `pytorch_model.bin`
 * (through an allow-list unpickler), HF's state dict (`hfStateDict`, the one writer of its key list,
 * batch-norm counters included), its check against a config, and HF's random init.
 */
export { checkStateDict } from "../model/check-state-dict.js";
export { type BatchesTracked, hfStateDict } from "../model/hf-state-dict.js";
export { randomInitWeights } from "../model/random-init.js";
export { readSafetensors, SAFETENSORS_MAX_HEADER_DEPTH } from "./safetensors-reader.js";
export { writeSafetensors } from "./safetensors-writer.js";
export type { StateDict } from "./state-dict.js";
export {
  readTorchBin,
  TORCH_BIN_MAX_PICKLE_BYTES,
  TORCH_BIN_MAX_UNPACKED_BYTES,
} from "./torch-bin-reader.js";
