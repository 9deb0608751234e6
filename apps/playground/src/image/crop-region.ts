import {
  placeCenterCrop,
  type ResolvedImageProcessorOptions,
  resizeOutputSize,
} from "@mobilenetv1/image-processor";

/** A rectangle as fractions (0–1) of the image's width and height. */
export interface FractionRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The part of the original image the model sees, from the image processor's options: HF resizes the
 * whole image (shortest edge to `size`), then center-crops `crop_size`; the crop's window in the resized
 * image, divided by the resized size, is the same fraction of the original. A crop larger than the
 * resized image is padded with zeros by HF, so the window is clipped to the image.
 *
 * @example
 * // COCO 000000039769 (640×480) with MobileNetV1's defaults: resized 341×256, crop at left 58, top 16
 * modelCropRegion({ width: 640, height: 480, options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS })
 * // { x0: 58 / 341, y0: 16 / 256, x1: 282 / 341, y1: 240 / 256 }
 */
export function modelCropRegion(params: {
  width: number;
  height: number;
  options: ResolvedImageProcessorOptions;
}): FractionRect {
  const { width, height, options } = params;
  const resized = options.doResize
    ? resizeOutputSize({ height, width, size: options.size })
    : { height, width };
  if (!options.doCenterCrop) return { x0: 0, y0: 0, x1: 1, y1: 1 };
  const { window } = placeCenterCrop({
    height: resized.height,
    width: resized.width,
    cropHeight: options.cropSize.height,
    cropWidth: options.cropSize.width,
  });
  return {
    x0: window.x0 / resized.width,
    y0: window.y0 / resized.height,
    x1: window.x1 / resized.width,
    y1: window.y1 / resized.height,
  };
}
