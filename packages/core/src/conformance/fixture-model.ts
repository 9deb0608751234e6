import { MobileNetV1Config } from "../config/config.js";
import { parameterPlan } from "../graph/architecture.js";
import { Tensor } from "../tensor.js";
import type { StateDict } from "../weights/state-dict.js";

/**
 * Tiny deterministic models for the conformance suite. Weights are larger than HF's init (std 0.02
 * would let activations vanish and make every backend "agree" on zeros), with non-trivial batch norm.
 */
export function conformanceConfig(params: { tfPadding: boolean }): MobileNetV1Config {
  return new MobileNetV1Config({
    depthMultiplier: 0.25,
    minDepth: 8,
    numLabels: 4,
    tfPadding: params.tfPadding,
  });
}

/** A state dict for `config` from a fixed integer hash, identical on every platform. */
export function conformanceStateDict(config: MobileNetV1Config): StateDict {
  const dict: StateDict = new Map();
  let n = 0;
  for (const spec of parameterPlan({ config, withClassifier: true })) {
    const data = new Float32Array(spec.dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) {
      const u = hash(n++) / 4294967296; // [0, 1)
      data[i] =
        spec.kind === "bn-var" || spec.kind === "bn-weight"
          ? 0.5 + u
          : spec.kind === "conv"
            ? (u - 0.5) * 2 * Math.sqrt(6 / fanIn(spec.dims)) // He-uniform: keeps 26 layers input-sensitive
            : (u - 0.5) * 0.4;
    }
    dict.set(spec.key, new Tensor({ dims: spec.dims, data }));
  }
  return dict;
}

/** A deterministic input in [-1, 1], like normalized pixels. */
export function conformanceInput(dims: readonly number[]): Tensor {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = hash(1_000_003 + i) / 2147483648 - 1;
  return new Tensor({ dims, data });
}

function fanIn(dims: readonly number[]): number {
  return dims.slice(1).reduce((a, b) => a * b, 1);
}

/** lowbias32 (Chris Wellons): a well-mixed 32-bit integer hash. */
function hash(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
