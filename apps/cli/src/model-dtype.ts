import { MODEL_DTYPES, MobileNetV1PreTrainedModel, type Tensor } from "@mobilenetv1/core";
import type { ImageClassificationModel } from "@mobilenetv1/pipeline";
import { UsageError } from "./exit-codes.js";

/** `--dtype` values. */
export const CLI_DTYPES = MODEL_DTYPES;

/** Input images an int8 model is calibrated on when `--calibration` is not given: the first ones. */
export const DEFAULT_CALIBRATION_IMAGES = 16;

/**
 * The model `--dtype int8` runs: an int8 checkpoint as loaded; a float one quantized with activation
 * ranges calibrated on `calibration()` (called only then). The float model is released.
 *
 * @throws UsageError for a model that is not a MobileNetV1 (only those have an int8 graph).
 * @example
 * const model = await toInt8Model({ model: loaded, calibration: async () => (await processor.preprocess(files)).pixelValues });
 */
export async function toInt8Model(params: {
  model: ImageClassificationModel;
  /** Preprocessed calibration images [N, 3, H, W]. */
  calibration: () => Promise<Tensor>;
}): Promise<ImageClassificationModel> {
  const { model } = params;
  if (!(model instanceof MobileNetV1PreTrainedModel)) {
    throw new UsageError({ option: "--dtype", message: "int8 is available for MobileNetV1 models only" });
  }
  if (model.dtype === "int8") return model;
  const int8 = await model.quantize({ calibration: await params.calibration() });
  await model.dispose();
  return int8;
}
