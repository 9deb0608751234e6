import { type ArchitectureConfig, parameterPlan } from "../graph/architecture.js";

/**
 * HF's `_init_weights` for MobileNetV1: conv and linear weights ~ N(0, initializer_range), biases 0,
 * batch-norm weight 1 and bias 0, running mean 0 and variance 1 (PyTorch's buffer defaults).
 * Seeded, so the same seed gives the same model (not the same numbers as torch's generator).
 */
export function randomInitWeights(params: {
  config: ArchitectureConfig & { readonly initializerRange: number };
  withClassifier: boolean;
  /** @default 0 */
  seed?: number;
}): Map<string, Float32Array> {
  const normal = gaussian(params.seed ?? 0);
  const std = params.config.initializerRange;
  const weights = new Map<string, Float32Array>();
  for (const spec of parameterPlan({ config: params.config, withClassifier: params.withClassifier })) {
    const data = new Float32Array(spec.dims.reduce((a, b) => a * b, 1));
    if (spec.kind === "conv" || spec.kind === "linear-weight")
      for (let i = 0; i < data.length; i++) data[i] = normal() * std;
    else if (spec.kind === "bn-weight" || spec.kind === "bn-var") data.fill(1);
    weights.set(spec.key, data);
  }
  return weights;
}

/** Box–Muller over mulberry32: small, fast and reproducible across platforms. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
