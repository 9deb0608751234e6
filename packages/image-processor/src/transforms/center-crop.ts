import type { PixelWindow } from "../resample/pixel-window.js";

/** Where a center crop sits in an image, and which part of the image it covers. */
export interface CropPlacement {
  /** Image row of the crop's first row (negative when the crop is taller: zero padding above). */
  readonly top: number;
  /** Image column of the crop's first column (negative: zero padding on the left). */
  readonly left: number;
  /** The image pixels inside the crop (never empty). */
  readonly window: PixelWindow;
}

/**
 * HF's `center_crop`: top = (H - h) // 2 and left = (W - w) // 2 with Python's floor division. When the
 * image is smaller, HF pads with zeros, ceil((h - H) / 2) rows on top, then crops: that is the same
 * floor formula with a negative top, since -ceil(x / 2) = floor(-x / 2).
 *
 * @example
 * placeCenterCrop({ height: 256, width: 341, cropHeight: 224, cropWidth: 224 })
 * // { top: 16, left: 58, window: { x0: 58, y0: 16, x1: 282, y1: 240 } }
 * placeCenterCrop({ height: 101, width: 224, cropHeight: 224, cropWidth: 224 }).top // -62 (62 zero rows on top)
 */
export function placeCenterCrop(params: {
  height: number;
  width: number;
  cropHeight: number;
  cropWidth: number;
}): CropPlacement {
  const { height, width, cropHeight, cropWidth } = params;
  const top = Math.floor((height - cropHeight) / 2);
  const left = Math.floor((width - cropWidth) / 2);
  return {
    top,
    left,
    window: {
      x0: Math.max(0, left),
      y0: Math.max(0, top),
      x1: Math.min(width, left + cropWidth),
      y1: Math.min(height, top + cropHeight),
    },
  };
}
