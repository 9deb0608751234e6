import { InputError } from "@mobilenetv1/core";
import { redactUrl } from "@mobilenetv1/core/net";
import { ImageDecodeError, ImageDimensionsError } from "../errors/image-errors.js";
import type { RawImage } from "../image/raw-image.js";
import { type CanvasSource, canvasPixels } from "./canvas-pixels.js";
import { fetchBytes } from "./fetch-bytes.js";
import { readImageHeader } from "./image-header.js";
import {
  DEFAULT_MAX_IMAGE_PIXELS,
  type DecodeOptions,
  describeInput,
  type ImageInput,
  isFetchableUrl,
} from "./image-input.js";
import { resolveImageReadLimits } from "./image-read-limits.js";
import { loadInMemoryImage } from "./load-in-memory-image.js";

/**
 * Loads one image in a browser (package.json `browser` maps `load-image-node.ts` here). Encoded bytes,
 * Blobs, Files and URLs are decoded by the browser (`createImageBitmap`) and read back through a canvas,
 * as RGBA. Differences from PIL to expect: browsers may colour-manage (we ask for
 * `colorSpaceConversion: "none"`, which Chromium and Firefox honour; Safari may still convert), canvas
 * stores premultiplied alpha so the RGB of transparent pixels is lost, and JPEG decoders may differ from
 * libjpeg-turbo by ±1 on some pixels. `ImageData` and raw pixels are used exactly as given.
 *
 * @example
 * const image = await loadImage({ input: fileInput.files[0] });
 * image.channels // 4
 */
export async function loadImage(params: {
  input: ImageInput;
  options?: DecodeOptions;
  /**
   * Called with an encoded image's declared pixel count (`maxImagePixels` when its header is unknown)
   * right before it is decoded; the decode waits for it. `preprocess` uses it to bound a batch's decoded
   * pixels.
   */
  reservePixels?: (pixels: number) => Promise<void>;
}): Promise<RawImage> {
  const { input } = params;
  const options = params.options ?? {};
  const source = describeInput(input);
  if (typeof input === "string" || input instanceof URL) {
    const href = typeof input === "string" ? input : input.href;
    if (!isFetchableUrl(href)) {
      throw new InputError({
        argument: "image",
        value: redactUrl(href),
        expected: "an http(s):, data: or blob: URL (file paths need Node)",
      });
    }
    const limits = resolveImageReadLimits({ options, env: {} });
    const bytes = await fetchBytes({ url: href, limits, ...(options.fetch ? { fetch: options.fetch } : {}) });
    return decodeBytes({ reservePixels: params.reservePixels, bytes, source, options });
  }
  const inMemory = await loadInMemoryImage({
    input,
    options,
    env: {},
    decode: (bytes) => decodeBytes({ reservePixels: params.reservePixels, bytes, source, options }),
  });
  if (inMemory) return inMemory;
  if (isCanvasSource(input)) return canvasPixels({ source: input, options });
  throw new InputError({
    argument: "image",
    value: source,
    expected:
      "a URL, encoded bytes, Blob/File, ImageData, ImageBitmap, HTMLImageElement, canvas, or raw pixels",
  });
}

async function decodeBytes(params: {
  reservePixels?: ((pixels: number) => Promise<void>) | undefined;
  bytes: Uint8Array;
  source: string;
  options: DecodeOptions;
}): Promise<RawImage> {
  const { bytes, source, options } = params;
  const header = readImageHeader({ bytes });
  if (header) {
    const maxPixels = options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
    const { width, height } = header;
    if (width === 0 || height === 0)
      throw new ImageDimensionsError({ source, width, height, reason: "empty" });
    if (width * height > maxPixels)
      throw new ImageDimensionsError({ source, width, height, reason: "too-large", limit: maxPixels });
  }
  await params.reservePixels?.(
    header ? header.width * header.height : (options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS),
  );
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      colorSpaceConversion: options.applyIccProfile ? "default" : "none",
      premultiplyAlpha: "none",
      imageOrientation: options.applyExifOrientation ? "from-image" : "none",
    });
  } catch (cause) {
    throw new ImageDecodeError({
      source,
      format: header?.format,
      message: "the browser could not decode this image",
      cause,
    });
  }
  try {
    return await canvasPixels({ source: bitmap, options });
  } finally {
    bitmap.close();
  }
}

function isCanvasSource(value: unknown): value is CanvasSource {
  const is = (name: string) => {
    const ctor = (globalThis as Record<string, unknown>)[name];
    return typeof ctor === "function" && value instanceof (ctor as new () => unknown);
  };
  return is("ImageBitmap") || is("HTMLImageElement") || is("HTMLCanvasElement") || is("OffscreenCanvas");
}
