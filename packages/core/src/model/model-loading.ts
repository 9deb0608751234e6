/**
 * The loaders behind the classes' `fromPretrained`, `fromStateDict` and `fromConfig`: each returns the
 * {@link ModelParams} a class is constructed from. They import no model class (the classes import them),
 * so a class's HF name and whether it has a classifier come in as parameters.
 */

import { resolveBackend } from "../backend/registry.js";
import { MobileNetV1Config } from "../config/config.js";
import { InputError, ModelFileNotFoundError } from "../errors/errors.js";
import { type MobileNetV1Options, resolveGraphOptions } from "../graph/graph-options.js";
import { MODEL_FILES } from "../io/model-files.js";
import type { ModelFiles } from "../io/model-source.js";
import { openModelFiles } from "../io/open-model.js";
import { checkDtype, loadInt8Checkpoint } from "../quantize/int8-checkpoint-files.js";
import { quantizeModel } from "../quantize/quantize-model.js";
import { checkStateDict } from "./check-state-dict.js";
import { readBatchesTracked } from "./hf-state-dict.js";
import { defaultOnWarning, loadWarnings } from "./load-warning.js";
import { loadStateDict, weightFileCandidates } from "./load-weights.js";
import type {
  FromConfigOptions,
  FromPretrainedOptions,
  FromStateDictOptions,
  ModelParams,
} from "./model-options.js";
import { randomInitWeights } from "./random-init.js";

/**
 * What `fromPretrained` builds a model from: config.json, the weights (checked against the config), the
 * backend, graph options, and for `dtype: "int8"` or an int8 checkpoint the int8 parameters.
 */
export async function loadModelParams(params: {
  pathOrId: string;
  options: FromPretrainedOptions;
  withClassifier: boolean;
  /** The class's HF name, for load warnings. */
  className: string;
}): Promise<ModelParams> {
  const { options } = params;
  const graphOptions = pickOptions(options);
  checkDtype(options.dtype);
  const files: ModelFiles = await openModelFiles({
    pathOrId: params.pathOrId,
    files: [MODEL_FILES.config, ...weightFileCandidates(options.useSafetensors)],
    options,
  });
  const config = options.config ?? (await readConfig(files));
  const int8 = await loadInt8Checkpoint({ config, files, withClassifier: params.withClassifier });
  if (int8) {
    const backend = await resolveBackend({ backend: options.backend });
    return {
      config,
      weights: int8.weights,
      backend,
      options: graphOptions,
      ...(options.dtype === "float32" ? {} : { quantization: int8.params }),
    };
  }
  const { stateDict, file } = await loadStateDict({ files, useSafetensors: options.useSafetensors });
  const { weights, info } = checkStateDict({
    config,
    stateDict,
    file: `${files.location}/${file}`,
    withClassifier: params.withClassifier,
    // A classifier head absent from a base-model checkpoint is newly initialized, as HF does.
    allowMissing: (key) => key.startsWith("classifier."),
  });
  if (info.missingKeys.length > 0) {
    const init = randomInitWeights({ config, withClassifier: params.withClassifier });
    for (const key of info.missingKeys) weights.set(key, init.get(key)!);
  }
  const backend = await resolveBackend({ backend: options.backend });
  const onWarning = options.onWarning ?? defaultOnWarning;
  for (const w of loadWarnings({ info, className: params.className, location: files.location })) onWarning(w);
  const batchesTracked = readBatchesTracked({ stateDict });
  const loaded = { config, weights, backend, loadingInfo: info, batchesTracked, options: graphOptions };
  if (options.dtype !== "int8") return loaded;
  if (!options.calibration) {
    throw new InputError({
      argument: "calibration",
      value: undefined,
      expected: 'calibration images (pixel values) to quantize a float checkpoint with dtype "int8"',
    });
  }
  const quantize = { calibration: options.calibration };
  return {
    ...loaded,
    quantization: await quantizeModel({ ...loaded, withClassifier: params.withClassifier, quantize }),
  };
}

/** What `fromStateDict` builds a model from. */
export async function stateDictModelParams(
  params: FromStateDictOptions & { withClassifier: boolean },
): Promise<ModelParams> {
  const { weights, info } = checkStateDict({
    config: params.config,
    stateDict: params.stateDict,
    withClassifier: params.withClassifier,
  });
  const backend = await resolveBackend({ backend: params.backend });
  const batchesTracked = readBatchesTracked({ stateDict: params.stateDict });
  return {
    config: params.config,
    weights,
    backend,
    loadingInfo: info,
    batchesTracked,
    options: pickOptions(params),
  };
}

/** What `fromConfig` builds a model from (HF's random init). */
export async function initialModelParams(
  params: FromConfigOptions & { withClassifier: boolean },
): Promise<ModelParams> {
  const weights = randomInitWeights({
    config: params.config,
    withClassifier: params.withClassifier,
    seed: params.seed,
  });
  const backend = await resolveBackend({ backend: params.backend });
  return { config: params.config, weights, backend, options: pickOptions(params) };
}

/** The graph options among a factory's options, validated (so a bad one fails before any file is read). */
function pickOptions(params: MobileNetV1Options): Required<MobileNetV1Options> {
  return resolveGraphOptions({
    options: { outputStride: params.outputStride, poolingHead: params.poolingHead },
  });
}

async function readConfig(files: ModelFiles): Promise<MobileNetV1Config> {
  const bytes = await files.read(MODEL_FILES.config);
  if (!bytes) throw new ModelFileNotFoundError({ location: files.location, files: [MODEL_FILES.config] });
  return MobileNetV1Config.fromJSONText({
    text: new TextDecoder().decode(bytes),
    file: `${files.location}/${MODEL_FILES.config}`,
  });
}
