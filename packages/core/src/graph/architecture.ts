/**
 * The layer plan of HF's MobileNetV1Model, derived from a config alone: which convolutions exist,
 * their channels, kernels, strides and groups. The graph builder, the weight checker, random init and
 * parameter counting all read this one plan, so they cannot disagree.
 */

/** The subset of the config the architecture depends on. */
export interface ArchitectureConfig {
  readonly numChannels: number;
  readonly depthMultiplier: number;
  readonly minDepth: number;
  readonly numLabels: number;
}

/** One conv → batch norm → activation block. */
export interface ConvLayerSpec {
  /** State-dict prefix, e.g. `mobilenet_v1.layer.3` (without `.convolution.weight`). */
  readonly prefix: string;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: 1 | 3;
  readonly stride: 1 | 2;
  /** `inChannels` for depthwise layers, 1 otherwise. */
  readonly groups: number;
  readonly kind: "stem" | "depthwise" | "pointwise";
}

/** TF-slim's strides for the 13 depthwise convolutions (HF's `strides` list). */
export const DEPTHWISE_STRIDES = [1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1] as const;

/** HF's `base_model_prefix`: backbone keys in a ForImageClassification checkpoint start with it. */
export const BASE_MODEL_PREFIX = "mobilenet_v1";

/**
 * The stem and the 26 layers of HF's MobileNetV1Model, in forward order.
 *
 * @example
 * const plan = convLayerPlan({ numChannels: 3, depthMultiplier: 0.75, minDepth: 8, numLabels: 1000 });
 * plan.length // 27
 * plan.at(-1).outChannels // 768
 */
export function convLayerPlan(config: ArchitectureConfig): ConvLayerSpec[] {
  // Python's int() truncates; max() with min_depth as HF does.
  const channels = (depth: number) => Math.max(Math.trunc(depth * config.depthMultiplier), config.minDepth);
  let depth = 32;
  let out = channels(depth);
  const plan: ConvLayerSpec[] = [
    {
      prefix: `${BASE_MODEL_PREFIX}.conv_stem`,
      inChannels: config.numChannels,
      outChannels: out,
      kernelSize: 3,
      stride: 2,
      groups: 1,
      kind: "stem",
    },
  ];
  DEPTHWISE_STRIDES.forEach((stride, i) => {
    const inChannels = out;
    if (stride === 2 || i === 0) {
      depth *= 2;
      out = channels(depth);
    }
    plan.push({
      prefix: `${BASE_MODEL_PREFIX}.layer.${2 * i}`,
      inChannels,
      outChannels: inChannels,
      kernelSize: 3,
      stride,
      groups: inChannels,
      kind: "depthwise",
    });
    plan.push({
      prefix: `${BASE_MODEL_PREFIX}.layer.${2 * i + 1}`,
      inChannels,
      outChannels: out,
      kernelSize: 1,
      stride: 1,
      groups: 1,
      kind: "pointwise",
    });
  });
  return plan;
}

/** A parameter or buffer the model expects, with its shape. */
export interface ParameterSpec {
  readonly key: string;
  readonly dims: readonly number[];
  readonly kind: "conv" | "bn-weight" | "bn-bias" | "bn-mean" | "bn-var" | "linear-weight" | "linear-bias";
}

/**
 * Every float parameter/buffer of the model under HF's state-dict keys (num_batches_tracked excluded:
 * it is an int64 counter that inference never reads).
 */
export function parameterPlan(params: {
  config: ArchitectureConfig;
  withClassifier: boolean;
}): ParameterSpec[] {
  const specs: ParameterSpec[] = [];
  for (const layer of convLayerPlan(params.config)) {
    const c = layer.outChannels;
    specs.push({
      key: `${layer.prefix}.convolution.weight`,
      dims: [c, layer.inChannels / layer.groups, layer.kernelSize, layer.kernelSize],
      kind: "conv",
    });
    specs.push({ key: `${layer.prefix}.normalization.weight`, dims: [c], kind: "bn-weight" });
    specs.push({ key: `${layer.prefix}.normalization.bias`, dims: [c], kind: "bn-bias" });
    specs.push({ key: `${layer.prefix}.normalization.running_mean`, dims: [c], kind: "bn-mean" });
    specs.push({ key: `${layer.prefix}.normalization.running_var`, dims: [c], kind: "bn-var" });
  }
  if (params.withClassifier && params.config.numLabels > 0) {
    const last = lastChannels(params.config);
    specs.push({ key: "classifier.weight", dims: [params.config.numLabels, last], kind: "linear-weight" });
    specs.push({ key: "classifier.bias", dims: [params.config.numLabels], kind: "linear-bias" });
  }
  return specs;
}

/** Channels of the last hidden state (1024 at depth multiplier 1.0). */
export function lastChannels(config: ArchitectureConfig): number {
  return convLayerPlan(config).at(-1)!.outChannels;
}
