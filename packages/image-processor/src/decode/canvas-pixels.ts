import { ImageDecodeError, ImageDimensionsError } from "../errors/image-errors.js";
import type { RawImage } from "../image/raw-image.js";
import { DEFAULT_MAX_IMAGE_PIXELS, type DecodeOptions } from "./image-input.js";

/** Anything a 2D canvas can draw that this package accepts. */
export type CanvasSource = ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas;

/**
 * Reads a drawable's pixels as RGBA by drawing it at its natural size on an `OffscreenCanvas` (or a
 * `<canvas>` where there is none) and calling `getImageData` in sRGB. A canvas is read directly.
 *
 * @example
 * (await canvasPixels({ source: bitmap })).channels // 4
 */
export async function canvasPixels(params: {
  source: CanvasSource;
  options?: DecodeOptions;
}): Promise<RawImage> {
  const { source } = params;
  const isImage = typeof HTMLImageElement !== "undefined" && source instanceof HTMLImageElement;
  if (isImage && !source.complete) await source.decode();
  const width = isImage ? source.naturalWidth : source.width;
  const height = isImage ? source.naturalHeight : source.height;
  const label = `<${source.constructor.name}>`;
  if (width === 0 || height === 0)
    throw new ImageDimensionsError({ source: label, width, height, reason: "empty" });
  const maxPixels = params.options?.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  if (width * height > maxPixels)
    throw new ImageDimensionsError({ source: label, width, height, reason: "too-large", limit: maxPixels });

  const canvas =
    typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(width, height) : createCanvas(width, height);
  const context = canvas.getContext("2d", { willReadFrequently: true, colorSpace: "srgb" }) as
    | OffscreenCanvasRenderingContext2D
    | CanvasRenderingContext2D
    | null;
  if (!context)
    throw new ImageDecodeError({ source: label, message: "no 2D canvas context to read the pixels with" });
  context.drawImage(source, 0, 0);
  const imageData = context.getImageData(0, 0, width, height, { colorSpace: "srgb" });
  return {
    data: new Uint8Array(imageData.data.buffer, imageData.data.byteOffset, imageData.data.length),
    width,
    height,
    channels: 4,
  };
}

function createCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}
