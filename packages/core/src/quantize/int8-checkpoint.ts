import { FileFormatError, WeightsMismatchError } from "../errors/errors.js";
import { BASE_MODEL_PREFIX, convLayerPlan, lastChannels } from "../graph/architecture.js";
import type { GraphConfig } from "../graph/build-graph.js";
import { type DataType, Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";
import {
  ACTIVATION_DTYPES,
  type ActivationDtype,
  CALIBRATION_METHODS,
  type CalibrationMethod,
  type Int8Params,
  type QuantParams,
} from "./int8-params.js";

/** config.json's key for the quantization settings (HF's name; HF itself refuses an unknown `quant_method`). */
export const QUANTIZATION_CONFIG_KEY = "quantization_config";
/** `quant_method` of this SDK's int8 checkpoints. */
export const INT8_QUANT_METHOD = "mobilenetv1-js-int8";
const INPUT = `${BASE_MODEL_PREFIX}.input`;

/**
 * The `quantization_config` written to config.json: what the tensors are and how the ranges were chosen.
 *
 * @example
 * int8QuantizationConfig({ params }).activation_dtype // "uint8"
 */
export function int8QuantizationConfig(params: { params: Int8Params }): Record<string, unknown> {
  const q = params.params;
  return {
    quant_method: INT8_QUANT_METHOD,
    weight_dtype: "int8",
    weight_granularity: "per_channel",
    activation_dtype: q.activationDtype,
    batch_norm_folded: true,
    calibration_method: q.calibration.method,
    ...(q.calibration.percentile !== undefined ? { calibration_percentile: q.calibration.percentile } : {}),
    calibration_images: q.calibration.numImages,
  };
}

/**
 * The int8 tensors under HF-style keys: per conv layer `{prefix}.convolution.weight` (I8, folded),
 * `.convolution.weight_scale` (F32 [out]), `.convolution.bias` (I32, in input × weight scale units),
 * `.activation.scale` / `.activation.zero_point` (the output's, scalars); `mobilenet_v1.input.scale` /
 * `.zero_point` for `pixel_values`; `classifier.weight` (I8), `.weight_scale`, `.bias` (F32). A backbone
 * drops the `mobilenet_v1.` prefix, as HF does for base models.
 *
 * @returns the tensors and the names to store as I8 (pass both to `writeSafetensors`).
 * @example
 * const { tensors, int8 } = int8StateDict({ config, params, stripPrefix: false });
 * writeSafetensors({ tensors, int8, metadata: { format: "pt" } });
 */
export function int8StateDict(params: { config: GraphConfig; params: Int8Params; stripPrefix: boolean }): {
  tensors: StateDict;
  int8: Set<string>;
} {
  const q = params.params;
  const tensors: StateDict = new Map();
  const int8 = new Set<string>();
  const key = (k: string) => (params.stripPrefix ? k.replace(/^mobilenet_v1\./, "") : k);
  const put = (k: string, dims: number[], data: Float32Array | Int32Array | Int8Array) => {
    const isInt8 = data instanceof Int8Array;
    if (isInt8) int8.add(key(k));
    const stored = isInt8 ? Int32Array.from(data) : data;
    tensors.set(
      key(k),
      new Tensor<DataType>({
        dims,
        data: stored,
        dtype: stored instanceof Float32Array ? "float32" : "int32",
      }),
    );
  };
  const putQuant = (prefix: string, p: QuantParams) => {
    put(`${prefix}.scale`, [], Float32Array.of(p.scale));
    put(`${prefix}.zero_point`, [], Int32Array.of(p.zeroPoint));
  };
  putQuant(INPUT, q.input);
  const plan = convLayerPlan(params.config);
  q.layers.forEach((layer, i) => {
    const { outChannels: out, inChannels, groups, kernelSize: k } = plan[i]!;
    put(`${layer.prefix}.convolution.weight`, [out, inChannels / groups, k, k], layer.weight);
    put(`${layer.prefix}.convolution.weight_scale`, [out], layer.weightScale);
    put(`${layer.prefix}.convolution.bias`, [out], layer.bias);
    putQuant(`${layer.prefix}.activation`, layer.output);
  });
  if (q.classifier) {
    const n = q.classifier.bias.length;
    put("classifier.weight", [n, q.classifier.weight.length / n], q.classifier.weight);
    put("classifier.weight_scale", [n], q.classifier.weightScale);
    put("classifier.bias", [n], q.classifier.bias);
  }
  return { tensors, int8 };
}

/**
 * Reads an int8 checkpoint's tensors back (keys with or without the `mobilenet_v1.` prefix), checking
 * every shape against the config's layer plan.
 *
 * @throws WeightsMismatchError naming missing or mis-shaped tensors; FileFormatError for a
 *   `quantization_config` this SDK did not write.
 */
export function int8ParamsFromStateDict(params: {
  config: GraphConfig;
  stateDict: StateDict;
  quantizationConfig: Readonly<Record<string, unknown>>;
  withClassifier: boolean;
  file?: string;
}): Int8Params {
  const qc = params.quantizationConfig;
  const activationDtype = qc["activation_dtype"] as ActivationDtype;
  const method = qc["calibration_method"] as CalibrationMethod;
  if (
    qc["quant_method"] !== INT8_QUANT_METHOD ||
    !ACTIVATION_DTYPES.includes(activationDtype) ||
    !CALIBRATION_METHODS.includes(method)
  ) {
    throw new FileFormatError({
      format: "config.json quantization_config",
      file: params.file,
      message: `quantization_config ${JSON.stringify(qc)} is not one this SDK reads (quant_method "${INT8_QUANT_METHOD}")`,
    });
  }
  const byKey = new Map<string, Tensor<DataType>>();
  for (const [k, t] of params.stateDict)
    byKey.set(
      k.startsWith(`${BASE_MODEL_PREFIX}.`) || k.startsWith("classifier.") ? k : `${BASE_MODEL_PREFIX}.${k}`,
      t,
    );
  const missingKeys: string[] = [];
  const mismatchedKeys: { key: string; expected: number[]; found: readonly number[] }[] = [];
  const take = (k: string, dims: number[]): Tensor<DataType> | undefined => {
    const t = byKey.get(k);
    if (!t) missingKeys.push(k);
    else if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i]))
      mismatchedKeys.push({ key: k, expected: dims, found: t.dims });
    else return t;
    return undefined;
  };
  const f32 = (k: string, dims: number[]) =>
    Float32Array.from(take(k, dims)?.data ?? new Float32Array(0), Number);
  const i32 = (k: string, dims: number[]) =>
    Int32Array.from(take(k, dims)?.data ?? new Int32Array(0), Number);
  const quant = (prefix: string): QuantParams => ({
    scale: f32(`${prefix}.scale`, [])[0]!,
    zeroPoint: i32(`${prefix}.zero_point`, [])[0]!,
  });
  const input = quant(INPUT);
  const layers = convLayerPlan(params.config).map((l) => {
    const out = l.outChannels;
    const p = l.prefix;
    return {
      prefix: p,
      weight: Int8Array.from(
        i32(`${p}.convolution.weight`, [out, l.inChannels / l.groups, l.kernelSize, l.kernelSize]),
      ),
      weightScale: f32(`${p}.convolution.weight_scale`, [out]),
      bias: i32(`${p}.convolution.bias`, [out]),
      output: quant(`${p}.activation`),
    };
  });
  const n = params.config.numLabels;
  const classifier =
    params.withClassifier && n > 0
      ? {
          weight: Int8Array.from(i32("classifier.weight", [n, lastChannels(params.config)])),
          weightScale: f32("classifier.weight_scale", [n]),
          bias: f32("classifier.bias", [n]),
        }
      : undefined;
  if (missingKeys.length > 0 || mismatchedKeys.length > 0)
    throw new WeightsMismatchError({ missingKeys, unexpectedKeys: [], mismatchedKeys });
  const percentile = qc["calibration_percentile"];
  const calibration = {
    method,
    numImages: Number(qc["calibration_images"] ?? 0),
    ...(typeof percentile === "number" ? { percentile } : {}),
  };
  return { activationDtype, input, layers, ...(classifier ? { classifier } : {}), calibration };
}
