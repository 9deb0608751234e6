import { InputError } from "@mobilenetv1/core";
import { PreprocessorConfigError } from "../errors/image-errors.js";
import type { RawImage } from "../image/raw-image.js";
import { isPilResampleCode, PilResample, type PilResampleCode, RESAMPLE_FILTERS } from "./filters.js";
import { fullWindow, type PixelWindow } from "./pixel-window.js";
import { resampleSeparable } from "./resample-separable.js";
import { resizeNearest } from "./resize-nearest.js";

/**
 * Resizes 8-bit pixels exactly as Pillow's `Image.resize((width, height), resample)` does (no box, no
 * reducing_gap), byte for byte, for all six filters, up and down. Same size returns a copy, as Pillow.
 *
 * @example
 * const small = resizeImage({ image: { data, width: 640, height: 480, channels: 3 }, width: 341, height: 256, resample: PilResample.BILINEAR });
 * small.width // 341
 */
export function resizeImage(params: {
  image: RawImage;
  width: number;
  height: number;
  /** PIL code. @default PilResample.BICUBIC (Pillow's default for 8-bit images) */
  resample?: PilResampleCode;
  /** Compute only this part of the resized image (same bytes as resizing all and cropping). @default all */
  window?: PixelWindow;
}): RawImage {
  const { image, width, height } = params;
  const resample = params.resample ?? PilResample.BICUBIC;
  if (!isPilResampleCode(resample)) {
    throw new PreprocessorConfigError({ field: "resample", value: resample, expected: "a PIL code 0..5" });
  }
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new InputError({ argument: name, value, expected: "a positive integer" });
  }
  const window = params.window ?? fullWindow({ width, height });
  if (
    !(
      0 <= window.x0 &&
      window.x0 < window.x1 &&
      window.x1 <= width &&
      0 <= window.y0 &&
      window.y0 < window.y1 &&
      window.y1 <= height
    )
  ) {
    throw new InputError({
      argument: "window",
      value: window,
      expected: `a non-empty rectangle inside ${width}×${height}`,
    });
  }
  const args = {
    data: image.data,
    width: image.width,
    height: image.height,
    channels: image.channels,
    outWidth: width,
    outHeight: height,
    window,
  };
  const data =
    resample === PilResample.NEAREST
      ? resizeNearest(args)
      : resampleSeparable({ ...args, filter: RESAMPLE_FILTERS[resample] });
  return {
    data,
    width: window.x1 - window.x0,
    height: window.y1 - window.y0,
    channels: image.channels,
    ...(image.colorSpace ? { colorSpace: image.colorSpace } : {}),
  };
}
