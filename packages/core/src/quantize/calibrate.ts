import { InputError } from "../errors/errors.js";
import { END_POINT_NAMES } from "../graph/end-points.js";
import { Tensor } from "../tensor.js";
import { ActivationHistogram } from "./activation-histogram.js";
import type { CalibrationMethod } from "./int8-params.js";

/** The calibration method used when none is given (the best on held-out images; see docs/int8.md). */
export const DEFAULT_CALIBRATION_METHOD: CalibrationMethod = "mse";
/** The percentile of `"percentile"` calibration when none is given. */
export const DEFAULT_CALIBRATION_PERCENTILE = 99.999;
/** Images per forward pass while calibrating (bounds memory: every layer's output is kept for a batch). */
export const CALIBRATION_BATCH_SIZE = 8;

/** The float ranges the int8 graph's activations are quantized to. */
export interface ActivationRanges {
  /** `pixel_values`' range (min and max seen). */
  readonly input: { readonly min: number; readonly max: number };
  /** The clip of each conv layer's output, stem first (27 values): its range is [0, clip]. */
  readonly layers: readonly number[];
  /** `pixel_values`' mean per channel, for bias correction. */
  readonly inputMeans?: Float64Array;
  /** Each conv layer's output mean per channel, stem first, for bias correction. */
  readonly layerMeans?: readonly Float64Array[];
}

/** What calibration needs of a model: the float feature maps of every layer (the model's `features`). */
export interface CalibrationSource {
  features(params: { pixelValues: Tensor; layers: readonly string[] }): Promise<Record<string, Tensor>>;
}

/**
 * Runs the float model over the calibration images and picks each activation's range: every conv layer's
 * output (the stem's and HF's 26 hidden states, read through `features`) goes into a histogram, from
 * which `method` chooses the clip. Images go through in batches of {@link CALIBRATION_BATCH_SIZE}.
 *
 * @throws InputError when `pixelValues` is not a [N, C, H, W] batch with N ≥ 1.
 * @example
 * const { pixelValues } = await processor.preprocess(calibrationImages);
 * const ranges = await calibrateActivations({ model, pixelValues });
 * ranges.layers.length // 27
 */
export async function calibrateActivations(params: {
  /** A float model (or anything with its `features`). */
  model: CalibrationSource;
  /** Calibration images, preprocessed: [N, C, H, W] float32. */
  pixelValues: { readonly dims: readonly number[]; readonly data: Float32Array };
  /** @default DEFAULT_CALIBRATION_METHOD ("mse") */
  method?: CalibrationMethod;
  /** For `"percentile"`. @default DEFAULT_CALIBRATION_PERCENTILE (99.999) */
  percentile?: number;
}): Promise<ActivationRanges> {
  const { dims, data } = params.pixelValues;
  if (dims.length !== 4 || !(dims[0]! >= 1)) {
    throw new InputError({
      argument: "calibration.dims",
      value: dims,
      expected: "[N >= 1, C, H, W] pixel values",
    });
  }
  const method = params.method ?? DEFAULT_CALIBRATION_METHOD;
  const histograms = END_POINT_NAMES.map(() => new ActivationHistogram());
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const inputMeans = new ChannelMeans();
  inputMeans.add(params.pixelValues);
  const means = END_POINT_NAMES.map(() => new ChannelMeans());
  const perImage = dims.slice(1).reduce((a, b) => a * b, 1);
  for (let start = 0; start < dims[0]!; start += CALIBRATION_BATCH_SIZE) {
    const n = Math.min(CALIBRATION_BATCH_SIZE, dims[0]! - start);
    const batch = new Tensor({
      dims: [n, ...dims.slice(1)],
      data: data.subarray(start * perImage, (start + n) * perImage),
    });
    const out = await params.model.features({ pixelValues: batch, layers: END_POINT_NAMES });
    END_POINT_NAMES.forEach((name, i) => {
      histograms[i]!.add(out[name]!.data);
      means[i]!.add(out[name]!);
    });
  }
  const layers = histograms.map((h) =>
    h.clip({ method, percentile: params.percentile ?? DEFAULT_CALIBRATION_PERCENTILE }),
  );
  return {
    input: { min, max },
    layers,
    inputMeans: inputMeans.means(),
    layerMeans: means.map((m) => m.means()),
  };
}

/** Running per-channel sums of NCHW maps (the last element counts the values per channel). */
class ChannelMeans {
  private sums: Float64Array | undefined;

  add(t: { readonly dims: readonly number[]; readonly data: Float32Array }): void {
    const [n, c] = t.dims as [number, number];
    const area = t.data.length / (n * c);
    this.sums ??= new Float64Array(c + 1);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let i = (b * c + ch) * area; i < (b * c + ch + 1) * area; i++) s += t.data[i]!;
        this.sums[ch]! += s;
      }
    }
    this.sums[c]! += n * area;
  }

  means(): Float64Array {
    const sums = this.sums!;
    const count = sums[sums.length - 1]!;
    return sums.slice(0, -1).map((v) => v / count);
  }
}
