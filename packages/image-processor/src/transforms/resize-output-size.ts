import type { SizeDict } from "../config/size-dict.js";

/**
 * HF's `get_resize_output_image_size`: `{ height, width }` is taken as is; for `shortestEdge` S the short
 * side becomes S and the long side `int(S * long / short)` (float64 division, truncated), so the aspect
 * ratio is kept up to truncation.
 *
 * @example
 * resizeOutputSize({ height: 480, width: 640, size: { shortestEdge: 256 } }) // { height: 256, width: 341 }
 */
export function resizeOutputSize(params: { height: number; width: number; size: SizeDict }): {
  height: number;
  width: number;
} {
  const { height, width, size } = params;
  if (!("shortestEdge" in size)) return { height: size.height, width: size.width };
  const s = size.shortestEdge;
  if (width <= height) return { height: Math.trunc((s * height) / width), width: s };
  return { height: s, width: Math.trunc((s * width) / height) };
}
