import { type ArchitectureConfig, convLayerPlan, lastChannels, parameterPlan } from "./architecture.js";

/**
 * Parameter count (batch-norm running statistics included, as PyTorch's `state_dict` holds them; the
 * int64 `num_batches_tracked` counters are not) and multiply-accumulates of one forward pass at a given
 * input size, following the same padding rules as the graph.
 *
 * @example
 * modelStats({ config: new MobileNetV1Config(), height: 224, width: 224 })
 * // { parameters: 4253864 + ..., macs: 568_740_352 + ... }
 */
export function modelStats(params: {
  config: ArchitectureConfig & { readonly tfPadding: boolean };
  height: number;
  width: number;
  /** Count the classifier. @default true */
  withClassifier?: boolean;
}): {
  parameters: number;
  trainableParameters: number;
  macs: number;
  outputSize: { height: number; width: number };
} {
  const withClassifier = params.withClassifier ?? true;
  let parameters = 0;
  let trainableParameters = 0;
  for (const spec of parameterPlan({ config: params.config, withClassifier })) {
    const n = spec.dims.reduce((a, b) => a * b, 1);
    parameters += n;
    if (spec.kind !== "bn-mean" && spec.kind !== "bn-var") trainableParameters += n;
  }
  let h = params.height;
  let w = params.width;
  let macs = 0;
  for (const layer of convLayerPlan(params.config)) {
    h = convOutputSize(h, layer.kernelSize, layer.stride, params.config.tfPadding);
    w = convOutputSize(w, layer.kernelSize, layer.stride, params.config.tfPadding);
    macs +=
      h * w * layer.outChannels * (layer.inChannels / layer.groups) * layer.kernelSize * layer.kernelSize;
  }
  if (withClassifier) macs += lastChannels(params.config) * params.config.numLabels;
  return { parameters, trainableParameters, macs, outputSize: { height: h, width: w } };
}

/** TF "SAME": ceil(in / s); PyTorch with padding (k-1)/2: floor((in + k - 1 - k) / s) + 1. */
export function convOutputSize(size: number, kernel: number, stride: number, tfPadding: boolean): number {
  return tfPadding
    ? Math.ceil(size / stride)
    : Math.floor((size + 2 * ((kernel - 1) / 2) - kernel) / stride) + 1;
}
