import { type ArchitectureConfig, BASE_MODEL_PREFIX, parameterPlan } from "../graph/architecture.js";
import { Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";

/** The buffer PyTorch's `nn.BatchNorm2d` keeps beside running_mean/running_var (an int64 scalar). */
export const BATCHES_TRACKED_SUFFIX = "num_batches_tracked";

/**
 * Batch-norm step counters by full HF key (`mobilenet_v1.….normalization.num_batches_tracked`), as a
 * checkpoint held them. They never change what the network computes; they are kept so a saved checkpoint
 * carries the values it was loaded with.
 */
export type BatchesTracked = ReadonlyMap<string, bigint>;

/**
 * The full state dict HF's `save_pretrained` writes for MobileNetV1: every parameter of
 * {@link parameterPlan} as float32 and, after each batch norm's running_var, its `num_batches_tracked`
 * int64 scalar (HF's `nn.BatchNorm2d(track_running_stats=True)` buffers: weight, bias, running_mean,
 * running_var, num_batches_tracked). Counters come from `batchesTracked`, 0 for those it lacks.
 * `withClassifier: false` is HF's `MobileNetV1Model`, whose keys have no `mobilenet_v1.` prefix.
 * Shared by `savePretrained` and the converters, so both write the same keys.
 *
 * @example
 * const sd = hfStateDict({ config, weights: model.weights, withClassifier: true });
 * sd.get("mobilenet_v1.conv_stem.normalization.num_batches_tracked")?.dtype // "int64"
 * sd.size // 164 (27 batch norms × 6 keys, + classifier weight and bias)
 */
export function hfStateDict(params: {
  config: ArchitectureConfig;
  /** Float32 parameters by full HF key (`mobilenet_v1.…`, `classifier.…`). */
  weights: (key: string) => Float32Array;
  withClassifier: boolean;
  /** @default no counters: every num_batches_tracked is 0 */
  batchesTracked?: BatchesTracked;
}): StateDict {
  const strip = !params.withClassifier;
  const name = (key: string) => (strip ? key.slice(BASE_MODEL_PREFIX.length + 1) : key);
  const out: StateDict = new Map();
  for (const spec of parameterPlan({ config: params.config, withClassifier: params.withClassifier })) {
    out.set(name(spec.key), new Tensor({ dims: spec.dims, data: params.weights(spec.key) }));
    if (spec.kind === "bn-var") {
      const counter = spec.key.replace(/running_var$/, BATCHES_TRACKED_SUFFIX);
      const data = BigInt64Array.of(params.batchesTracked?.get(counter) ?? 0n);
      out.set(name(counter), new Tensor({ dims: [], data, dtype: "int64" }));
    }
  }
  return out;
}

/**
 * The `num_batches_tracked` counters of a checkpoint's state dict, by full HF key (a base-model
 * checkpoint's keys gain the `mobilenet_v1.` prefix). Only int64 scalars count: anything else under that
 * name is left to the state-dict check, and a saved model then writes 0 there, as a fresh HF model has.
 *
 * @example
 * readBatchesTracked({ stateDict }).get("mobilenet_v1.conv_stem.normalization.num_batches_tracked") // 0n
 */
export function readBatchesTracked(params: { stateDict: StateDict }): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [key, tensor] of params.stateDict) {
    if (!key.endsWith(`.${BATCHES_TRACKED_SUFFIX}`)) continue;
    if (tensor.dtype !== "int64" || tensor.data.length !== 1) continue;
    const full = key.startsWith(`${BASE_MODEL_PREFIX}.`) ? key : `${BASE_MODEL_PREFIX}.${key}`;
    out.set(full, (tensor.data as BigInt64Array)[0]!);
  }
  return out;
}
