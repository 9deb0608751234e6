import { InputError } from "../errors/errors.js";
import type { ConvLayerSpec } from "./architecture.js";

/** Output strides TF-slim's `mobilenet_v1_base` accepts (32 is the plain classification network). */
export const OUTPUT_STRIDES = [8, 16, 32] as const;

/** One of {@link OUTPUT_STRIDES}. */
export type OutputStride = (typeof OUTPUT_STRIDES)[number];

/** A conv layer with the stride and dilation it runs with at a given output stride. */
export interface AtrousLayerSpec extends ConvLayerSpec {
  /** Dilation (TF's atrous `rate`) of the kernel; 1 for an ordinary convolution. */
  readonly dilation: number;
}

/**
 * Applies TF-slim's `output_stride` rule to a layer plan: once the running product of strides has
 * reached `outputStride`, every later convolution runs with stride 1 and its depthwise kernel is dilated
 * by the stride the network skipped so far (the rate in effect *before* the layer's own stride is
 * folded in, exactly as `mobilenet_v1_base` does). Only depthwise convolutions are dilated: pointwise
 * ones are 1×1 and the stem always keeps stride 2. Weights are untouched, so any checkpoint loads.
 *
 * With the default 32 nothing changes: every dilation is 1 and every stride is the plan's.
 *
 * @example
 * applyOutputStride({ plan: convLayerPlan(config), outputStride: 16 })
 *   .filter((l) => l.dilation > 1).map((l) => l.prefix) // ["mobilenet_v1.layer.24"] (Conv2d_13_depthwise, rate 2)
 */
export function applyOutputStride(params: {
  plan: readonly ConvLayerSpec[];
  /** @default 32 */
  outputStride?: number;
}): AtrousLayerSpec[] {
  const target = params.outputStride ?? 32;
  if (!(OUTPUT_STRIDES as readonly number[]).includes(target)) {
    throw new InputError({
      argument: "outputStride",
      value: target,
      expected: `one of ${OUTPUT_STRIDES.join(", ")}`,
    });
  }
  let current = 1;
  let rate = 1;
  return params.plan.map((layer) => {
    // TF-slim decides per conv_def (stem or depthwise-separable block); a pointwise layer has stride 1
    // and is 1×1, so it passes through unchanged whatever the rate.
    if (layer.kind === "pointwise") return { ...layer, dilation: 1 };
    if (current === target) {
      const dilation = rate;
      rate *= layer.stride;
      return { ...layer, stride: 1, dilation: layer.kind === "depthwise" ? dilation : 1 };
    }
    current *= layer.stride;
    return { ...layer, dilation: 1 };
  });
}
