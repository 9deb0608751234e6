import type { Backend } from "../backend/backend.js";
import { InputError } from "../errors/errors.js";
import { buildGraph, type GraphConfig, PIXEL_VALUES } from "../graph/build-graph.js";
import { END_POINT_NAMES } from "../graph/end-points.js";
import type { MobileNetV1Options } from "../graph/graph-options.js";
import { assertFiniteInput } from "../model/non-finite.js";
import type { Tensor } from "../tensor.js";
import {
  calibrateActivations,
  DEFAULT_CALIBRATION_METHOD,
  DEFAULT_CALIBRATION_PERCENTILE,
} from "./calibrate.js";
import type { ActivationDtype, CalibrationMethod, Int8Params } from "./int8-params.js";
import { checkInt8Activation, quantizeWeights } from "./int8-weights.js";

/** How to quantize a float model to int8 (`model.quantize(...)`). */
export interface QuantizeOptions {
  /**
   * Calibration images, preprocessed as for `forward` ([N, C, H, W] float32; a few images of the kind the
   * model will see — 8 to 32 are plenty). Each layer's activation range is measured on them.
   */
  calibration: { readonly dims: readonly number[]; readonly data: Float32Array };
  /** How each range is chosen from the measured values. @default "mse" */
  method?: CalibrationMethod;
  /** For `"percentile"`. @default 99.999 */
  percentile?: number;
  /** @default "uint8" (onnxruntime's fast path on both backends) */
  activationDtype?: ActivationDtype;
  /**
   * Correct each conv's bias for the mean shift its weight rounding causes, from the calibration images'
   * per-channel means (without it, the last layer's logits cosine fell to 0.97; see docs/int8.md).
   * @default true
   */
  biasCorrection?: boolean;
}

/**
 * Quantizes a float model's weights to int8 with activation ranges calibrated on `calibration`: the
 * float graph returning every conv layer's output (stem and HF's 26 hidden states) runs on `backend`
 * over the images, then {@link quantizeWeights} folds batch norm and quantizes. What `model.quantize`
 * and `fromPretrained(..., { dtype: "int8", calibration })` do.
 *
 * @throws InputError for an activation the int8 graph cannot absorb, or calibration that is not [N, C, H, W];
 *   NonFiniteInputError for calibration values that are NaN or ±Infinity.
 * @example
 * const params = await quantizeModel({ config, weights, backend, withClassifier: true, quantize: { calibration: pixelValues } });
 * params.layers.length // 27
 */
export async function quantizeModel(params: {
  config: GraphConfig;
  /** Float32 parameters by HF key. */
  weights: ReadonlyMap<string, Float32Array>;
  backend: Backend;
  withClassifier: boolean;
  /** Graph options the calibration graph runs with (the model's). @default HF's network */
  options?: MobileNetV1Options;
  quantize: QuantizeOptions;
}): Promise<Int8Params> {
  const { config, weights } = params;
  checkInt8Activation(config.hiddenAct);
  const { calibration } = params.quantize;
  const dims: unknown = calibration?.dims;
  if (
    !Array.isArray(dims) ||
    dims.length !== 4 ||
    !(dims[0] >= 1) ||
    dims[1] !== config.numChannels ||
    !(calibration.data instanceof Float32Array)
  ) {
    throw new InputError({
      argument: "calibration.dims",
      value: dims,
      expected: `[N >= 1, ${config.numChannels}, H, W] float32 pixel values`,
    });
  }
  // NaN or ±Infinity would poison every activation range (min/max, histograms) without an error.
  assertFiniteInput({ argument: "calibration.data", data: calibration.data });
  const graph = buildGraph({
    config,
    weights: (k) => weights.get(k)!,
    outputs: [],
    featureLayers: END_POINT_NAMES,
    options: params.options,
  });
  const executable = await params.backend.createExecutable({ graph });
  try {
    const method = params.quantize.method ?? DEFAULT_CALIBRATION_METHOD;
    const percentile = params.quantize.percentile ?? DEFAULT_CALIBRATION_PERCENTILE;
    const source = {
      features: async (p: { pixelValues: Tensor }) =>
        (await executable.run({ [PIXEL_VALUES]: p.pixelValues })) as Record<string, Tensor>,
    };
    const ranges = await calibrateActivations({
      model: source,
      pixelValues: calibration,
      method,
      percentile,
    });
    return quantizeWeights({
      config,
      weights: (k) => weights.get(k)!,
      withClassifier: params.withClassifier,
      ranges,
      activationDtype: params.quantize.activationDtype,
      biasCorrection: params.quantize.biasCorrection,
      calibration: {
        method,
        ...(method === "percentile" ? { percentile } : {}),
        numImages: calibration.dims[0]!,
      },
    });
  } finally {
    await executable.dispose();
  }
}
