import type { MobileNetV1Config } from "../config/config.js";
import { InputError } from "../errors/errors.js";
import { MODEL_FILES } from "../io/model-files.js";
import type { ModelFiles } from "../io/model-source.js";
import { loadStateDict } from "../model/load-weights.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import {
  INT8_QUANT_METHOD,
  int8ParamsFromStateDict,
  int8QuantizationConfig,
  int8StateDict,
  QUANTIZATION_CONFIG_KEY,
} from "./int8-checkpoint.js";
import { type Int8Params, MODEL_DTYPES, type ModelDtype } from "./int8-params.js";
import { dequantizedWeights } from "./int8-weights.js";

/**
 * `config` as an int8 checkpoint's config.json says it (`quantization_config` set from `params`), or as a
 * float one's (`quantization_config` removed, e.g. for an int8 checkpoint loaded with `dtype: "float32"`).
 *
 * @example
 * configForDtype({ config, params: int8.quantization }).extra.quantization_config.quant_method // "mobilenetv1-js-int8"
 */
export function configForDtype(params: {
  config: MobileNetV1Config;
  params: Int8Params | undefined;
}): MobileNetV1Config {
  const { [QUANTIZATION_CONFIG_KEY]: old, ...extra } = params.config.extra;
  if (params.params)
    return params.config.with({
      extra: { ...extra, [QUANTIZATION_CONFIG_KEY]: int8QuantizationConfig({ params: params.params }) },
    });
  return old === undefined ? params.config : params.config.with({ extra });
}

/**
 * An int8 model's weights file (`MODEL_FILES.int8Weights`): the tensors of {@link int8StateDict}, int8 ones stored as I8. Its
 * `__metadata__.format` is {@link INT8_QUANT_METHOD}, not `"pt"`: HF transformers' loader raises on any
 * format but pt/tf/flax/mlx, where it would otherwise only warn about the unknown `quant_method` and load
 * int8 values into float parameters.
 *
 * @example
 * const bytes = int8Safetensors({ config, params, stripPrefix: false });
 */
export function int8Safetensors(params: {
  config: MobileNetV1Config;
  params: Int8Params;
  stripPrefix: boolean;
}): Uint8Array {
  const { tensors, int8 } = int8StateDict(params);
  return writeSafetensors({ tensors, int8, metadata: { format: INT8_QUANT_METHOD } });
}

/**
 * Reads an int8 checkpoint when config.json has a `quantization_config`, with the float weights it stands
 * for; `undefined` for a float checkpoint. The tensors come from `MODEL_FILES.int8Weights`, or, for int8
 * checkpoints saved before that name existed, from model.safetensors.
 *
 * @throws WeightsMismatchError / FileFormatError for tensors or settings that do not fit.
 */
export async function loadInt8Checkpoint(params: {
  config: MobileNetV1Config;
  files: ModelFiles;
  withClassifier: boolean;
}): Promise<{ params: Int8Params; weights: Map<string, Float32Array> } | undefined> {
  const quantizationConfig = params.config.extra[QUANTIZATION_CONFIG_KEY];
  if (quantizationConfig === undefined) return undefined;
  const { stateDict, file } = await loadStateDict({
    files: params.files,
    candidates: [MODEL_FILES.int8Weights, MODEL_FILES.safetensors],
  });
  const q = int8ParamsFromStateDict({
    config: params.config,
    stateDict,
    quantizationConfig: quantizationConfig as Record<string, unknown>,
    withClassifier: params.withClassifier,
    file: `${params.files.location}/${file}`,
  });
  return { params: q, weights: dequantizedWeights({ config: params.config, params: q }) };
}

/** Throws unless `dtype` is one of {@link MODEL_DTYPES} (or undefined). */
export function checkDtype(dtype: unknown): asserts dtype is ModelDtype | undefined {
  if (dtype !== undefined && !(MODEL_DTYPES as readonly unknown[]).includes(dtype)) {
    throw new InputError({
      argument: "dtype",
      value: dtype,
      expected: `one of ${JSON.stringify(MODEL_DTYPES)}`,
    });
  }
}
