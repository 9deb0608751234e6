import { NonFiniteWeightsError, WeightsMismatchError } from "../errors/errors.js";
import { type ArchitectureConfig, BASE_MODEL_PREFIX, parameterPlan } from "../graph/architecture.js";
import type { DataType, Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";

/** What loading found, as HF's `output_loading_info=True` reports it. */
export interface LoadingInfo {
  /** Expected keys the checkpoint lacks (initialized as HF would, e.g. a new classifier head). */
  readonly missingKeys: readonly string[];
  /** Checkpoint keys the model does not use (num_batches_tracked counters are not listed). */
  readonly unexpectedKeys: readonly string[];
  /** Keys whose shape differs from the model's. */
  readonly mismatchedKeys: readonly { key: string; expected: readonly number[]; found: readonly number[] }[];
}

/**
 * Matches a checkpoint's state dict to the model's parameters under HF's rules: backbone keys may come
 * with or without the `mobilenet_v1.` prefix (a base-model checkpoint into a classifier and back), a
 * classifier head may be missing (it is then newly initialized — `allowMissing` lists which keys may be),
 * any backbone key missing or any shape mismatch is an error naming every offending key. A weight holding
 * NaN or ±Infinity (after any float16/bfloat16/float64 → float32 conversion) is a {@link NonFiniteWeightsError}:
 * the model would otherwise load and silently output NaN.
 *
 * @throws {WeightsMismatchError} for missing (not allowed) or mis-shaped keys.
 * @throws {NonFiniteWeightsError} (code `"WEIGHTS_NON_FINITE"`) listing the first offending keys and counts.
 */
export function checkStateDict(params: {
  config: ArchitectureConfig;
  stateDict: StateDict;
  withClassifier: boolean;
  /** Keys that may be missing (filled by the caller). */
  allowMissing?: (key: string) => boolean;
  /** The weights file, for error messages. @default undefined */
  file?: string;
}): { weights: Map<string, Float32Array>; info: LoadingInfo } {
  const byKey = new Map<string, Tensor<DataType>>();
  for (const [key, tensor] of params.stateDict) {
    const normalized =
      key.startsWith(`${BASE_MODEL_PREFIX}.`) || key.startsWith("classifier.")
        ? key
        : `${BASE_MODEL_PREFIX}.${key}`;
    byKey.set(normalized, tensor);
  }
  const weights = new Map<string, Float32Array>();
  const missingKeys: string[] = [];
  const mismatchedKeys: { key: string; expected: readonly number[]; found: readonly number[] }[] = [];
  const used = new Set<string>();
  for (const spec of parameterPlan({ config: params.config, withClassifier: params.withClassifier })) {
    const tensor = byKey.get(spec.key);
    if (!tensor) {
      missingKeys.push(spec.key);
      continue;
    }
    used.add(spec.key);
    if (tensor.dims.length !== spec.dims.length || tensor.dims.some((d, i) => d !== spec.dims[i])) {
      mismatchedKeys.push({ key: spec.key, expected: spec.dims, found: tensor.dims });
      continue;
    }
    if (tensor.dtype !== "float32") {
      mismatchedKeys.push({
        key: `${spec.key} (dtype ${tensor.dtype}, expected float32)`,
        expected: spec.dims,
        found: tensor.dims,
      });
      continue;
    }
    weights.set(spec.key, tensor.data as Float32Array);
  }
  const unexpectedKeys = [...byKey.keys()].filter(
    (k) =>
      !used.has(k) &&
      !k.endsWith(".num_batches_tracked") &&
      (params.withClassifier || !k.startsWith("classifier.")),
  );
  const fatalMissing = missingKeys.filter((k) => !params.allowMissing?.(k));
  if (fatalMissing.length > 0 || mismatchedKeys.length > 0) {
    throw new WeightsMismatchError({ missingKeys: fatalMissing, unexpectedKeys, mismatchedKeys });
  }
  checkFinite(weights, params.file);
  return { weights, info: { missingKeys, unexpectedKeys, mismatchedKeys } };
}

function checkFinite(weights: ReadonlyMap<string, Float32Array>, file: string | undefined): void {
  const bad: { key: string; nan: number; infinite: number }[] = [];
  for (const [key, data] of weights) {
    let nan = 0;
    let infinite = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      // v - v is 0 for every finite number and NaN for NaN and ±Infinity: one test on the fast path.
      if (v - v !== 0) {
        if (Number.isNaN(v)) nan++;
        else infinite++;
      }
    }
    if (nan + infinite > 0) bad.push({ key, nan, infinite });
  }
  if (bad.length > 0) throw new NonFiniteWeightsError({ file, tensors: bad });
}
