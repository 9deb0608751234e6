import { configFromCheckpointName, WeightsMismatchError } from "@mobilenetv1/core";
import { type ConvertedModel, toHfCheckpoint, writeHfCheckpoint } from "./hf-layout.js";
import { denseToLinear, depthwiseHwcmToHf, hwioToOihw, type RawTensor } from "./tensor-layout.js";
import { type SlimLayout, tfSlimVariableMap } from "./tf-slim-names.js";

/** A converted TF-slim checkpoint, plus the variables that were not used. */
export interface ConvertedTfSlimModel extends ConvertedModel {
  /** Variables that are not MobileNet weights (optimizer slots, moving averages, global_step...). */
  readonly unusedVariables: readonly string[];
}

const LAYOUTS: Record<SlimLayout, (t: RawTensor) => RawTensor> = {
  conv: hwioToOihw,
  depthwise: depthwiseHwcmToHf,
  logits: denseToLinear,
  vector: (t) => t,
};

/**
 * Converts TF-slim MobileNet v1 variables (by their checkpoint names, e.g. read from a TF checkpoint or a
 * frozen graph) into HF's layout, exactly as transformers' `convert_original_tf_checkpoint_to_pytorch.py`
 * does: the config comes from the checkpoint name (`mobilenet_v1_{depth}_{size}`: 0.25/0.5/0.75/1.0 ×
 * 128/160/192/224, 1001 classes with "background" at 0), variables map as `_build_tf_to_pytorch_map`
 * and are transposed as `load_tf_weights_in_mobilenet_v1` does. Quantized (`_quant`) checkpoints are
 * refused, as HF refuses them.
 *
 * @throws CheckpointNameError for a `_quant` name or one that does not parse.
 * @throws WeightsMismatchError naming the TF-slim variables that are missing, and mis-shaped tensors.
 * @example
 * const model = await convertTfSlim({ variables, checkpointName: "mobilenet_v1_1.0_224" });
 * model.config.numLabels // 1001
 */
export async function convertTfSlim(params: {
  /** Arrays in TF's layouts by TF-slim variable name (`MobilenetV1/Conv2d_0/weights`, ...). */
  variables: ReadonlyMap<string, RawTensor>;
  /** E.g. `mobilenet_v1_0.75_192` or `google/mobilenet_v1_1.0_224`; a directory or `.ckpt` suffix is ignored. */
  checkpointName: string;
  /** When given, the HF files are written there. @default undefined */
  outDir?: string;
}): Promise<ConvertedTfSlimModel> {
  const name = params.checkpointName.replace(/^.*[\\/](?=mobilenet_v1)/, "").replace(/\.ckpt$/, "");
  const config = configFromCheckpointName({ name });
  const tensors = new Map<string, RawTensor>();
  const missing: string[] = [];
  const used = new Set<string>();
  for (const v of tfSlimVariableMap()) {
    const array = params.variables.get(v.tfName);
    if (!array) {
      missing.push(v.tfName);
      continue;
    }
    used.add(v.tfName);
    tensors.set(v.hfKey, LAYOUTS[v.layout](array));
  }
  if (missing.length > 0)
    throw new WeightsMismatchError({ missingKeys: missing, unexpectedKeys: [], mismatchedKeys: [] });
  const unusedVariables = [...params.variables.keys()].filter((k) => !used.has(k));
  const model = toHfCheckpoint({ config, tensors });
  if (params.outDir) await writeHfCheckpoint({ model, outDir: params.outDir });
  return { ...model, unusedVariables };
}
