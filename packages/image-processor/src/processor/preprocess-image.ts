import { InputError } from "@mobilenetv1/core";
import type { ResolvedImageProcessorOptions } from "../config/processor-options.js";
import { DEFAULT_MAX_IMAGE_PIXELS } from "../decode/image-input.js";
import type { RawImage } from "../image/raw-image.js";
import { resizeImage } from "../resample/resize-image.js";
import { type CropPlacement, placeCenterCrop } from "../transforms/center-crop.js";
import { writePixelValues } from "../transforms/pixel-values-writer.js";
import { resizeOutputSize } from "../transforms/resize-output-size.js";

/**
 * Largest resized image, in pixels: PIL's pixel limit (`DEFAULT_MAX_IMAGE_PIXELS`), the same bound as a
 * decoded image. Only `{shortest_edge}` resizes can reach it, through an extreme aspect ratio (a 1×50 000
 * strip resized to a 256 shortest edge is 256×12 800 000); PIL, and so HF, would build that whole image.
 */
export const MAX_RESIZED_PIXELS = DEFAULT_MAX_IMAGE_PIXELS;

/** How one image goes through the pipeline: its size after resizing, then the crop (or the whole image). */
export interface PreprocessPlan {
  readonly resized: { readonly height: number; readonly width: number };
  readonly output: { readonly height: number; readonly width: number };
  readonly placement: CropPlacement;
}

/**
 * Sizes for HF's order: resize (to `size`), then center crop (to `crop_size`, padding when smaller).
 *
 * @example
 * planPreprocess({ height: 480, width: 640, options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS }).placement.window
 * // { x0: 58, y0: 16, x1: 282, y1: 240 } of the 341×256 resized image
 */
export function planPreprocess(params: {
  height: number;
  width: number;
  options: ResolvedImageProcessorOptions;
}): PreprocessPlan {
  const { options } = params;
  const resized = options.doResize
    ? resizeOutputSize({ height: params.height, width: params.width, size: options.size })
    : params;
  if (resized.height * resized.width > MAX_RESIZED_PIXELS) {
    throw new InputError({
      argument: "image",
      value: { height: params.height, width: params.width },
      expected: `an aspect ratio whose resize to size ${JSON.stringify(options.size)} stays within ${MAX_RESIZED_PIXELS} pixels (MAX_RESIZED_PIXELS); it would be ${resized.height}×${resized.width}`,
    });
  }
  const output = options.doCenterCrop ? options.cropSize : resized;
  const placement = placeCenterCrop({
    height: resized.height,
    width: resized.width,
    cropHeight: output.height,
    cropWidth: output.width,
  });
  return {
    resized: { height: resized.height, width: resized.width },
    output: { height: output.height, width: output.width },
    placement,
  };
}

/**
 * Runs one RGB image through resize → center crop → rescale → normalize and writes CHW float32 values
 * into `out` at `offset`. Only the resized pixels the crop keeps are computed: each has the coefficients
 * of the full resize, so the bytes equal PIL's full resize followed by HF's crop.
 */
export function preprocessImage(params: {
  image: RawImage;
  plan: PreprocessPlan;
  options: ResolvedImageProcessorOptions;
  table: Float32Array;
  out: Float32Array;
  offset: number;
}): void {
  const { image, plan, options } = params;
  const { window, top, left } = plan.placement;
  const pixels = options.doResize
    ? resizeImage({
        image,
        width: plan.resized.width,
        height: plan.resized.height,
        resample: options.resample,
        window,
      }).data
    : copyWindow({ image, window });
  writePixelValues({
    pixels,
    window,
    top,
    left,
    height: plan.output.height,
    width: plan.output.width,
    table: params.table,
    out: params.out,
    offset: params.offset,
  });
}

function copyWindow(params: { image: RawImage; window: CropPlacement["window"] }): Uint8Array {
  const { image, window } = params;
  if (window.x0 === 0 && window.y0 === 0 && window.x1 === image.width && window.y1 === image.height)
    return image.data;
  const rowLength = (window.x1 - window.x0) * 3;
  const out = new Uint8Array((window.y1 - window.y0) * rowLength);
  for (let y = window.y0; y < window.y1; y++) {
    const start = (y * image.width + window.x0) * 3;
    out.set(image.data.subarray(start, start + rowLength), (y - window.y0) * rowLength);
  }
  return out;
}
