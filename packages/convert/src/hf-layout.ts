import { MODEL_FILES, type MobileNetV1Config, WeightsMismatchError } from "@mobilenetv1/core";
import { mobileNetV1PreprocessorConfig, parameterPlan } from "@mobilenetv1/core/graph";
import { writeFolder } from "@mobilenetv1/core/io";
import { hfStateDict, type StateDict, writeSafetensors } from "@mobilenetv1/core/weights";
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
 * Checks converted tensors against the architecture `config` describes (every HF key present, every
 * shape right, nothing extra) and lays them out as an HF checkpoint.
 *
 * @throws WeightsMismatchError naming missing, unexpected and mis-shaped keys.
 */
export function toHfCheckpoint(params: {
  config: MobileNetV1Config;
  /** Float32 tensors by HF state-dict key (`mobilenet_v1.…`, `classifier.…`). */
  tensors: ReadonlyMap<string, RawTensor>;
  /** @default mobileNetV1PreprocessorConfig({ imageSize: config.imageSize }) */
  preprocessorConfig?: Record<string, unknown>;
}): ConvertedModel {
  const { config, tensors } = params;
  const plan = parameterPlan({ config, withClassifier: true });
  const missingKeys = plan.filter((s) => !tensors.has(s.key)).map((s) => s.key);
  const planned = new Set(plan.map((s) => s.key));
  const unexpectedKeys = [...tensors.keys()].filter((k) => !planned.has(k));
  const mismatchedKeys = plan
    .filter((s) => tensors.has(s.key) && tensors.get(s.key)!.dims.join(",") !== s.dims.join(","))
    .map((s) => ({ key: s.key, expected: s.dims, found: tensors.get(s.key)!.dims }));
  if (missingKeys.length || unexpectedKeys.length || mismatchedKeys.length) {
    throw new WeightsMismatchError({ missingKeys, unexpectedKeys, mismatchedKeys });
  }
  // The same writer as savePretrained: HF's full state dict, num_batches_tracked 0 (a converted model
  // never trained in PyTorch).
  const stateDict = hfStateDict({ config, weights: (key) => tensors.get(key)!.data, withClassifier: true });
  const preprocessor =
    params.preprocessorConfig ?? mobileNetV1PreprocessorConfig({ imageSize: config.imageSize });
  const text = (s: string) => new TextEncoder().encode(s);
  const files = {
    [MODEL_FILES.config]: text(
      config.with({ architectures: ["MobileNetV1ForImageClassification"] }).toJSONText(),
    ),
    [MODEL_FILES.preprocessorConfig]: text(`${JSON.stringify(preprocessor, null, 2)}\n`),
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
