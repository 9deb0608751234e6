/**
 * The file names of a Hugging Face model folder (a local folder, a hub repo, what `savePretrained` writes):
 * the only place these strings are written, so a reader, a writer and a downloader cannot disagree.
 *
 * `int8Weights` is this SDK's own: the weights file of an int8 checkpoint (safetensors). HF transformers'
 * `from_pretrained` (4.x and 5.x) only looks for `model.safetensors`, `pytorch_model.bin`, `tf_model.h5`,
 * `model.ckpt.index`, `flax_model.msgpack`, their `.index.json` shard indexes, their `variant` forms
 * (`model.{variant}.safetensors`, `model.safetensors.index.{variant}.json`, …) and PEFT's `adapter_model.*`; a
 * name that starts with none of `model.`, `pytorch_model.`, `tf_model.`, `flax_model.`, `adapter_model.` can
 * never be taken for float weights, whatever `variant` is passed.
 *
 * @example
 * MODEL_FILES.config // "config.json"
 * Object.values(MODEL_FILES)
 * // ["config.json", "preprocessor_config.json", "model.safetensors", "pytorch_model.bin", "mobilenetv1_int8.safetensors"]
 */
export const MODEL_FILES = Object.freeze({
  /** The model's `MobileNetV1Config` (HF's `config.json`). */
  config: "config.json",
  /** The image processor's settings (HF's `preprocessor_config.json`). */
  preprocessorConfig: "preprocessor_config.json",
  /** Float weights, safetensors (HF's preferred format). */
  safetensors: "model.safetensors",
  /** Float weights, PyTorch's zip pickle (read through an allow-list unpickler). */
  torchBin: "pytorch_model.bin",
  /** An int8 checkpoint's weights (safetensors), a name HF never takes for float weights. */
  int8Weights: "mobilenetv1_int8.safetensors",
} as const);
