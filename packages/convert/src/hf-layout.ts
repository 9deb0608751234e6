import {
  MODEL_FILES,
  type MobileNetV1Config,
  MobileNetV1ForImageClassification,
  Tensor,
  WeightsMismatchError,
} from "@mobilenetv1/core";
import { writeFolder } from "@mobilenetv1/core/io";
import { checkStateDict, hfStateDict, type StateDict, writeSafetensors } from "@mobilenetv1/core/weights";
import type { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { conversionImageProcessor } from "./conversion-image-processor.js";
import type { RawTensor } from "./tensor-layout.js";

/** What every converter returns: an HF-layout checkpoint in memory. */
export interface ConvertedModel {
  /** HF's MobileNetV1Config of the checkpoint. */
  readonly config: MobileNetV1Config;
  /**
   * HF state dict of MobileNetV1ForImageClassification: float32 parameters and, as PyTorch's
   * `save_pretrained` writes them, an int64 scalar `num_batches_tracked` (0) per batch norm.
   */
  readonly stateDict: StateDict;
  /** `config.json`, `preprocessor_config.json` and `model.safetensors`, ready to write. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

/**
 * Checks converted tensors against the architecture `config` describes with core's `checkStateDict`
 * (every HF key present, every shape right, every value finite) plus "nothing extra", and lays them out
 * as an HF checkpoint.
 *
 * @throws WeightsMismatchError naming missing, unexpected and mis-shaped keys.
 * @throws NonFiniteWeightsError when a tensor holds NaN or ±Infinity.
 */
export function toHfCheckpoint(params: {
  config: MobileNetV1Config;
  /** Float32 tensors by HF state-dict key (`mobilenet_v1.…`, `classifier.…`). */
  tensors: ReadonlyMap<string, RawTensor>;
  /**
   * The processor whose `preprocessor_config.json` is written.
   * @default conversionImageProcessor({ imageSize: config.imageSize })
   */
  imageProcessor?: MobileNetV1ImageProcessor;
}): ConvertedModel {
  const { config, tensors } = params;
  // Core's check, the one fromPretrained runs: missing keys and shapes, float32, finite values. Unlike a
  // load, a conversion must account for every tensor it produced, so an unexpected key is an error too.
  const converted: StateDict = new Map(
    [...tensors].map(([key, t]) => [key, new Tensor({ dims: t.dims, data: t.data })]),
  );
  const { weights, info } = checkStateDict({ config, stateDict: converted, withClassifier: true });
  if (info.unexpectedKeys.length > 0) {
    throw new WeightsMismatchError({
      missingKeys: [],
      unexpectedKeys: info.unexpectedKeys,
      mismatchedKeys: [],
    });
  }
  // The same writer as savePretrained: HF's full state dict, num_batches_tracked 0 (a converted model
  // never trained in PyTorch).
  const stateDict = hfStateDict({ config, weights: (key) => weights.get(key)!, withClassifier: true });
  const processor = params.imageProcessor ?? conversionImageProcessor({ imageSize: config.imageSize });
  const text = (s: string) => new TextEncoder().encode(s);
  const files = {
    [MODEL_FILES.config]: text(
      config.with({ architectures: [MobileNetV1ForImageClassification.hfClassName] }).toJSONText(),
    ),
    ...processor.toFiles(),
    [MODEL_FILES.safetensors]: writeSafetensors({ tensors: stateDict, metadata: { format: "pt" } }),
  };
  return { config, stateDict, files };
}

/**
 * Writes a converted checkpoint's files into `outDir` (created if needed), each atomically (core's
 * `writeFolder`: a temporary name, then a rename), so an interrupted run never leaves a truncated file.
 *
 * @example
 * await writeHfCheckpoint({ model: await convertTflite({ file }), outDir: "./mobilenet_v1_0.25_224" });
 */
export async function writeHfCheckpoint(params: { model: ConvertedModel; outDir: string }): Promise<void> {
  await writeFolder({ dir: params.outDir, files: { ...params.model.files } });
}
