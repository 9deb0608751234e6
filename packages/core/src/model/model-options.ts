/**
 * The option and input types of the model classes, without logic: the factories' options, the pixel
 * values `forward` takes, and what a model is built from. Both the loaders (model-loading.ts) and the
 * classes import them from here, so neither has to import the other.
 */

import type { Backend } from "../backend/backend.js";
import type { BackendHint } from "../backend/registry.js";
import type { MobileNetV1Config } from "../config/config.js";
import type { MobileNetV1Options } from "../graph/graph-options.js";
import type { SourceOptions, WeightsChoice } from "../io/model-source.js";
import type { Int8Params, ModelDtype } from "../quantize/int8-params.js";
import type { Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";
import type { LoadingInfo } from "./check-state-dict.js";
import type { BatchesTracked } from "./hf-state-dict.js";
import type { LoadWarning } from "./load-warning.js";

/**
 * Options of `fromPretrained`: where to run, which weights file to read, the model source's options
 * (revision, cache... once `@mobilenetv1/hub` is imported), and graph options (`outputStride`,
 * `poolingHead`), which change how the network runs, never the weights or config.json.
 */
export interface FromPretrainedOptions extends SourceOptions, WeightsChoice, MobileNetV1Options {
  /** Backend by name, instance or list to try. @default the highest-priority registered backend */
  backend?: BackendHint;
  /** Replaces or overrides the checkpoint's config.json. */
  config?: MobileNetV1Config;
  /**
   * `"int8"` quantizes a float checkpoint on `calibration` (see `quantize`); an int8 checkpoint (config.json
   * with a `quantization_config`) loads as int8 unless `"float32"` asks for its dequantized weights.
   * @default the checkpoint's own
   */
  dtype?: ModelDtype;
  /** Calibration images for `dtype: "int8"` on a float checkpoint, preprocessed as for `forward`. @default undefined */
  calibration?: PixelValues;
  /**
   * Called once per {@link LoadWarning}: weights the checkpoint lacks that were randomly initialized (a
   * classifier head loaded from a base-model checkpoint predicts noise until trained), or checkpoint keys
   * the model does not use. The same facts stay on `model.loadingInfo`.
   * @default one `console.warn` line per warning, as HF's `logger.warning`
   * @example
   * const warnings: LoadWarning[] = [];
   * await MobileNetV1ForImageClassification.fromPretrained("./base-only", { onWarning: (w) => warnings.push(w) });
   * warnings[0].kind // "newly-initialized"; warnings[0].keys // ["classifier.weight", "classifier.bias"]
   */
  onWarning?: (warning: LoadWarning) => void;
}

/** Options of `fromConfig` (random initialization, as HF's `Model(config)`), plus graph options. */
export interface FromConfigOptions extends MobileNetV1Options {
  config: MobileNetV1Config;
  backend?: BackendHint;
  /** PRNG seed for the weights. @default 0 */
  seed?: number;
}

/** Options of `fromStateDict`: a config and tensors under HF's state-dict keys (e.g. from a converter), plus graph options. */
export interface FromStateDictOptions extends MobileNetV1Options {
  config: MobileNetV1Config;
  stateDict: StateDict;
  backend?: BackendHint;
}

/** Pixel values as a core Tensor or any `{ dims, data }` with float32 data [B, C, H, W]. */
export type PixelValues = Tensor | { readonly dims: readonly number[]; readonly data: Float32Array };

/** What a model is made of: what the loaders return and the classes' protected constructor takes. */
export interface ModelParams {
  config: MobileNetV1Config;
  weights: Map<string, Float32Array>;
  backend: Backend;
  loadingInfo?: LoadingInfo;
  /** The checkpoint's batch-norm counters (written back by savePretrained). */
  batchesTracked?: BatchesTracked;
  options?: MobileNetV1Options;
  /** The int8 model's parameters; absent for a float32 model. */
  quantization?: Int8Params;
}
