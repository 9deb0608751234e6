import { InputError } from "../errors/errors.js";
import { DEPTHWISE_STRIDES } from "./architecture.js";

/**
 * TF-slim's `end_points` names for the conv layers, in forward order: `Conv2d_0` (the stem), then
 * `Conv2d_{i}_depthwise` and `Conv2d_{i}_pointwise` for the 13 blocks. Position `p` in this list is
 * HF's layer `p - 1` (`mobilenet_v1.layer.{p-1}`, `hidden_states[p-1]`); the stem has no HF index.
 */
export const END_POINT_NAMES: readonly string[] = Object.freeze([
  "Conv2d_0",
  ...DEPTHWISE_STRIDES.flatMap((_, i) => [`Conv2d_${i + 1}_depthwise`, `Conv2d_${i + 1}_pointwise`]),
]);

/** A layer to return as a feature map: HF's layer index (0–25, as `hidden_states`) or a TF-slim end-point name. */
export type FeatureLayer = number | string;

/** A resolved feature layer: its end-point name and its position in the conv-layer plan (0 = stem). */
export interface ResolvedFeatureLayer {
  readonly name: string;
  readonly planIndex: number;
}

/**
 * Resolves feature-layer requests to end-point names. Numbers are HF's layer indices (what
 * `hidden_states[i]` holds: 1 is `Conv2d_1_pointwise`, 25 is `Conv2d_13_pointwise`); strings are
 * TF-slim end-point names, which also reach the stem (`Conv2d_0`). Duplicates are dropped, order kept.
 *
 * @throws InputError for an index outside 0–25, an unknown name, or an empty list.
 *
 * @example
 * resolveFeatureLayers({ layers: [9, "Conv2d_11_pointwise"] }).map((l) => l.name)
 * // ["Conv2d_5_pointwise", "Conv2d_11_pointwise"]
 */
export function resolveFeatureLayers(params: {
  /** HF layer indices and/or TF-slim end-point names. */
  layers: readonly FeatureLayer[];
}): ResolvedFeatureLayer[] {
  const expected = `HF layer indices 0–${END_POINT_NAMES.length - 2} or names ${END_POINT_NAMES[0]} … ${END_POINT_NAMES.at(-1)}`;
  if (params.layers.length === 0)
    throw new InputError({ argument: "featureLayers", value: [], expected: `at least one of ${expected}` });
  const out: ResolvedFeatureLayer[] = [];
  for (const layer of params.layers) {
    const planIndex =
      typeof layer === "number" && Number.isInteger(layer)
        ? layer + 1
        : END_POINT_NAMES.indexOf(String(layer));
    if (
      typeof layer === "number"
        ? !Number.isInteger(layer) || planIndex < 1 || planIndex >= END_POINT_NAMES.length
        : planIndex < 0
    ) {
      throw new InputError({ argument: "featureLayers", value: layer, expected });
    }
    if (!out.some((l) => l.planIndex === planIndex))
      out.push({ name: END_POINT_NAMES[planIndex]!, planIndex });
  }
  return out;
}
