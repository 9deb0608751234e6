import { InputError } from "../errors/errors.js";
import { convLayerPlan } from "../graph/architecture.js";
import type { GraphConfig } from "../graph/build-graph.js";
import { biasCorrection } from "./bias-correction.js";
import type { ActivationRanges } from "./calibrate.js";
import { foldBatchNorm } from "./fold-batch-norm.js";
import {
  type ActivationDtype,
  type CalibrationInfo,
  type Int8Params,
  quantParamsForRange,
} from "./int8-params.js";
import { dequantizePerChannel, quantizeBias, quantizePerChannel } from "./quantize-weights.js";

/** The activations an int8 graph can absorb into its output ranges (their outputs are [0, max]). */
export const INT8_ACTIVATIONS = ["relu6", "relu"] as const;

/** The activation dtype used when none is given: onnxruntime's fast path (uint8 × int8). */
export const DEFAULT_ACTIVATION_DTYPE: ActivationDtype = "uint8";

/**
 * Quantizes a float model: each conv layer's batch norm is folded into its weights and bias (float64),
 * the weights become symmetric per-output-channel int8, the bias int32 in units of input scale × weight
 * scale, and every activation gets the range calibration found (ReLU6's upper bound caps it at 6, its
 * lower bound is the zero point: the int8 graph needs no separate activation). The classifier's weights
 * become per-row int8; its bias stays float.
 *
 * @throws InputError when `config.hiddenAct` is not one of {@link INT8_ACTIVATIONS}.
 * @example
 * const ranges = await calibrateActivations({ model, pixelValues });
 * const params = quantizeWeights({ config: model.config, weights: (k) => model.weights.get(k)!, withClassifier: true, ranges,
 *   calibration: { method: "percentile", percentile: 99.999, numImages: 16 } });
 * params.layers[0].weight // Int8Array, the stem's folded weights
 */
export function quantizeWeights(params: {
  config: GraphConfig;
  /** Float32 parameters by HF key (backbone keys with the `mobilenet_v1.` prefix). */
  weights: (key: string) => Float32Array;
  withClassifier: boolean;
  ranges: ActivationRanges;
  calibration: CalibrationInfo;
  /** @default DEFAULT_ACTIVATION_DTYPE ("uint8") */
  activationDtype?: ActivationDtype;
  /** Correct each conv's bias for the mean shift its weight quantization causes (needs `ranges`' means). @default true */
  biasCorrection?: boolean;
}): Int8Params {
  const { config, weights, ranges } = params;
  checkInt8Activation(config.hiddenAct);
  const dtype = params.activationDtype ?? DEFAULT_ACTIVATION_DTYPE;
  const cap = config.hiddenAct === "relu6" ? 6 : Infinity;
  const input = quantParamsForRange({ ...ranges.input, dtype });
  let inputScale = input.scale;
  const layers = convLayerPlan(config).map((layer, i) => {
    const p = layer.prefix;
    const folded = foldBatchNorm({
      weight: weights(`${p}.convolution.weight`),
      gamma: weights(`${p}.normalization.weight`),
      beta: weights(`${p}.normalization.bias`),
      mean: weights(`${p}.normalization.running_mean`),
      variance: weights(`${p}.normalization.running_var`),
      eps: config.layerNormEps,
    });
    const { data: weight, scale: weightScale } = quantizePerChannel({
      weight: folded.weight,
      channels: layer.outChannels,
    });
    const inputMeans = i === 0 ? ranges.inputMeans : ranges.layerMeans?.[i - 1];
    const floatBias =
      inputMeans && params.biasCorrection !== false
        ? biasCorrection({
            weight: folded.weight,
            quantized: weight,
            scale: weightScale,
            bias: folded.bias,
            groups: layer.groups,
            inputMeans,
          })
        : folded.bias;
    const bias = quantizeBias({ bias: floatBias, inputScale, weightScale });
    const output = quantParamsForRange({ min: 0, max: Math.min(ranges.layers[i]!, cap), dtype });
    inputScale = output.scale;
    return { prefix: p, weight, weightScale, bias, output };
  });
  const out: Int8Params = { activationDtype: dtype, input, layers, calibration: params.calibration };
  if (!params.withClassifier || config.numLabels === 0) return out;
  const { data: weight, scale: weightScale } = quantizePerChannel({
    weight: weights("classifier.weight"),
    channels: config.numLabels,
  });
  return { ...out, classifier: { weight, weightScale, bias: Float32Array.from(weights("classifier.bias")) } };
}

/**
 * The float weights an int8 model stands for, under HF's keys: dequantized folded conv weights, and
 * each batch norm an identity that carries the folded bias (weight 1, mean 0, variance 1 − eps), like
 * TF-Hub's folded checkpoints in HF layout. A model loaded from an int8 checkpoint keeps these, so its
 * float graph (`dtype: "float32"`) and state dict still work.
 *
 * @example
 * dequantizedWeights({ config, params }).get("mobilenet_v1.layer.0.normalization.weight") // Float32Array of ones
 */
export function dequantizedWeights(params: {
  config: GraphConfig;
  params: Int8Params;
}): Map<string, Float32Array> {
  const { config } = params;
  const q = params.params;
  const weights = new Map<string, Float32Array>();
  let inputScale = q.input.scale;
  q.layers.forEach((layer) => {
    const c = layer.bias.length;
    const p = layer.prefix;
    weights.set(
      `${p}.convolution.weight`,
      dequantizePerChannel({ data: layer.weight, scale: layer.weightScale }),
    );
    weights.set(`${p}.normalization.weight`, new Float32Array(c).fill(1));
    weights.set(
      `${p}.normalization.bias`,
      Float32Array.from(layer.bias, (b, o) => b * inputScale * layer.weightScale[o]!),
    );
    weights.set(`${p}.normalization.running_mean`, new Float32Array(c));
    weights.set(`${p}.normalization.running_var`, new Float32Array(c).fill(1 - config.layerNormEps));
    inputScale = layer.output.scale;
  });
  if (q.classifier) {
    weights.set(
      "classifier.weight",
      dequantizePerChannel({ data: q.classifier.weight, scale: q.classifier.weightScale }),
    );
    weights.set("classifier.bias", q.classifier.bias);
  }
  return weights;
}

/** Throws unless the int8 graph can express `hiddenAct` by its activation ranges. */
export function checkInt8Activation(hiddenAct: string): void {
  if (!(INT8_ACTIVATIONS as readonly string[]).includes(hiddenAct)) {
    throw new InputError({
      argument: "config.hiddenAct",
      value: hiddenAct,
      expected: `one of ${JSON.stringify(INT8_ACTIVATIONS)} for an int8 model (their outputs are [0, max], which the activation range absorbs)`,
    });
  }
}
