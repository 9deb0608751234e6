/**
 * What an int8 MobileNetV1 is made of: per-output-channel int8 convolution weights with batch norm folded
 * in, int32 biases, and one (scale, zero point) per activation tensor. These are the numbers the int8
 * graph runs and the int8 checkpoint stores; nothing else is needed to rebuild either.
 */

/** Element types a model computes in: HF's float32 network, or the int8 one. */
export const MODEL_DTYPES = ["float32", "int8"] as const;

/** One of {@link MODEL_DTYPES}. */
export type ModelDtype = (typeof MODEL_DTYPES)[number];

/**
 * Activation element types. onnxruntime's CPU kernels (MLAS, native and wasm) are built around uint8
 * activations with int8 weights, which is the default; int8 activations are there to compare.
 */
export const ACTIVATION_DTYPES = ["uint8", "int8"] as const;

/** One of {@link ACTIVATION_DTYPES}. */
export type ActivationDtype = (typeof ACTIVATION_DTYPES)[number];

/** How an activation's float range [0, max] is chosen from the calibration set's values. */
export const CALIBRATION_METHODS = ["minmax", "percentile", "mse"] as const;

/**
 * `"minmax"`: the largest value seen. `"percentile"`: the value below which `percentile`% of the values
 * lie (outliers clip). `"mse"`: the clip that minimizes the histogram's expected squared quantization error
 * (rounding noise below the clip, clipping error above it).
 */
export type CalibrationMethod = (typeof CALIBRATION_METHODS)[number];

/** A per-tensor affine quantization: `real = scale · (q − zeroPoint)`. */
export interface QuantParams {
  readonly scale: number;
  readonly zeroPoint: number;
}

/** One conv layer (stem, depthwise or pointwise) with its batch norm folded in. */
export interface Int8ConvLayer {
  /** The layer's HF state-dict prefix, e.g. `mobilenet_v1.layer.3`. */
  readonly prefix: string;
  /** Folded weights [out, in / groups, k, k], symmetric per output channel in [-127, 127]. */
  readonly weight: Int8Array;
  /** One scale per output channel: `real weight = weightScale[o] · weight`. */
  readonly weightScale: Float32Array;
  /** Folded bias in units of `inputScale · weightScale[o]`, as QLinearConv takes it. */
  readonly bias: Int32Array;
  /** This layer's output activation (after ReLU6, which the range absorbs). */
  readonly output: QuantParams;
}

/** The linear classifier: int8 weights per output class, float bias (it runs on the float pooled features). */
export interface Int8Classifier {
  /** [numLabels, channels], symmetric per row in [-127, 127]. */
  readonly weight: Int8Array;
  readonly weightScale: Float32Array;
  readonly bias: Float32Array;
}

/** How the activation ranges were found (recorded in config.json's `quantization_config`). */
export interface CalibrationInfo {
  readonly method: CalibrationMethod;
  /** For `"percentile"`. */
  readonly percentile?: number;
  /** Calibration images. */
  readonly numImages: number;
}

/** Everything that defines an int8 model beyond its config. */
export interface Int8Params {
  readonly activationDtype: ActivationDtype;
  /** `pixel_values`' quantization. */
  readonly input: QuantParams;
  /** The stem and the 26 layers, in forward order. */
  readonly layers: readonly Int8ConvLayer[];
  /** Absent for a backbone (`MobileNetV1Model`) or a config with `num_labels` 0. */
  readonly classifier?: Int8Classifier;
  readonly calibration: CalibrationInfo;
}

/** The integer range of an activation dtype. */
export function activationRange(dtype: ActivationDtype): { readonly min: number; readonly max: number } {
  return dtype === "uint8" ? { min: 0, max: 255 } : { min: -128, max: 127 };
}

/**
 * Asymmetric quantization of the float range [min, max] (widened to contain 0, so 0 is exact: ReLU's
 * zeros and padding cost no error) onto the dtype's 256 levels.
 *
 * @example
 * quantParamsForRange({ min: 0, max: 6, dtype: "uint8" }) // { scale: 6 / 255, zeroPoint: 0 }
 * quantParamsForRange({ min: -1, max: 1, dtype: "uint8" }).zeroPoint // 128
 */
export function quantParamsForRange(params: {
  min: number;
  max: number;
  dtype: ActivationDtype;
}): QuantParams {
  const { min: qmin, max: qmax } = activationRange(params.dtype);
  const lo = Math.min(params.min, 0);
  const hi = Math.max(params.max, 0);
  // A tensor that is all zeros still needs a positive scale.
  const scale = hi - lo > 0 ? (hi - lo) / (qmax - qmin) : 1;
  // `+ 0` turns Math.round's −0 (from −0.5) into 0.
  const zeroPoint = Math.min(qmax, Math.max(qmin, Math.round(qmin - lo / scale))) + 0;
  return { scale: Math.fround(scale), zeroPoint };
}
