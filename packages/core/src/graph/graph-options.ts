import { InputError } from "../errors/errors.js";
import { applyOutputStride, type OutputStride } from "./output-stride.js";

/** How the last feature map becomes the classifier's input. */
export const POOLING_HEADS = ["global", "tf-slim-avgpool"] as const;

/**
 * `"global"`: HF's AdaptiveAvgPool2d((1, 1)), one vector per image whatever the input size.
 * `"tf-slim-avgpool"`: TF-slim's `AvgPool_1a`, a 7×7 average pool with stride 2 and VALID padding (the
 * kernel shrunk to the map when the map is smaller), so larger inputs give a larger pooled map and
 * spatial logits.
 */
export type PoolingHead = (typeof POOLING_HEADS)[number];

/**
 * Graph options beyond HF's config: how to build the network, not what its weights are. They are kept
 * beside the config, never written into config.json, and their defaults are exactly HF's network.
 */
export interface MobileNetV1Options {
  /** TF-slim's `output_stride`: 8 or 16 trade stride for dilated depthwise convolutions. @default 32 */
  readonly outputStride?: OutputStride;
  /** @default "global" */
  readonly poolingHead?: PoolingHead;
}

/** The defaults of {@link MobileNetV1Options}: HF's own network. */
export const MOBILENET_V1_OPTIONS_DEFAULTS: Readonly<Required<MobileNetV1Options>> = Object.freeze({
  outputStride: 32,
  poolingHead: "global",
});

/**
 * Fills and validates graph options.
 *
 * @throws InputError for an output stride other than 8, 16, 32 or an unknown pooling head.
 *
 * @example
 * resolveGraphOptions({ options: { outputStride: 16 } }) // { outputStride: 16, poolingHead: "global" }
 */
export function resolveGraphOptions(params: {
  /** @default {} */
  options?: MobileNetV1Options;
}): Required<MobileNetV1Options> {
  const outputStride = params.options?.outputStride ?? MOBILENET_V1_OPTIONS_DEFAULTS.outputStride;
  const poolingHead = params.options?.poolingHead ?? MOBILENET_V1_OPTIONS_DEFAULTS.poolingHead;
  applyOutputStride({ plan: [], outputStride }); // validates
  if (!(POOLING_HEADS as readonly string[]).includes(poolingHead)) {
    throw new InputError({
      argument: "poolingHead",
      value: poolingHead,
      expected: `one of ${JSON.stringify(POOLING_HEADS)}`,
    });
  }
  return { outputStride, poolingHead };
}

/** Whether `options` describe HF's own network (what every default-path guarantee relies on). */
export function isDefaultOptions(options: Required<MobileNetV1Options>): boolean {
  return (
    options.outputStride === MOBILENET_V1_OPTIONS_DEFAULTS.outputStride &&
    options.poolingHead === MOBILENET_V1_OPTIONS_DEFAULTS.poolingHead
  );
}
