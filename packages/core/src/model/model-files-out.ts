import type { MobileNetV1Config } from "../config/config.js";
import { MODEL_FILES } from "../io/model-files.js";
import { redactUrlsIn } from "../net/redact-url.js";
import { configForDtype, int8Safetensors } from "../quantize/int8-checkpoint-files.js";
import type { Int8Params } from "../quantize/int8-params.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import type { StateDict } from "../weights/state-dict.js";

/** The config.json key that tells transformers' `from_pretrained` which weights file to load. */
const EXPLICIT_WEIGHTS_KEY = "transformers_weights";

/**
 * A model's checkpoint files by name. Float32: config.json and model.safetensors (`stateDict`, HF's full
 * state dict), as HF's save_pretrained writes them. Int8: config.json with a `quantization_config` and the
 * int8 tensors in `MODEL_FILES.int8Weights`, a name HF's `from_pretrained` never looks for. config.json
 * never keeps a `transformers_weights` key: transformers (≥ 4.52) loads whatever .safetensors file it names,
 * which would make it read the int8 file as float weights, or look for a file we did not write. URLs in
 * config.json (a `_name_or_path` that was a mirror, say) lose credentials and query strings.
 *
 * @example
 * Object.keys(checkpointFiles({ config, className: "MobileNetV1Model", withClassifier: false, quantization: undefined, stateDict: () => sd }))
 * // ["config.json", "model.safetensors"]
 */
export function checkpointFiles(params: {
  config: MobileNetV1Config;
  /** HF's class name, written to `architectures`. */
  className: string;
  withClassifier: boolean;
  quantization: Int8Params | undefined;
  /** Called for a float32 model only. */
  stateDict: () => StateDict;
}): Record<string, Uint8Array> {
  const { quantization } = params;
  const { [EXPLICIT_WEIGHTS_KEY]: _named, ...extra } = params.config.extra;
  const config = configForDtype({
    config: params.config.with({ architectures: [params.className], extra }),
    params: quantization,
  });
  const configFile = { [MODEL_FILES.config]: new TextEncoder().encode(redactUrlsIn(config.toJSONText())) };
  if (quantization) {
    const stripPrefix = !params.withClassifier;
    return {
      ...configFile,
      [MODEL_FILES.int8Weights]: int8Safetensors({ config, params: quantization, stripPrefix }),
    };
  }
  const tensors = params.stateDict();
  return {
    ...configFile,
    [MODEL_FILES.safetensors]: writeSafetensors({ tensors, metadata: { format: "pt" } }),
  };
}
