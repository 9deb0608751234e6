import { fileURLToPath } from "node:url";
import { InputError } from "@mobilenetv1/core";
import type { RawImage } from "../image/raw-image.js";
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
import { decodePngFast } from "./png-fast-decode.js";
import { readImageFile } from "./read-image-file.js";
import { decodeWithSharp } from "./sharp-decode.js";

/**
 * Loads one image in Node: a file path, a `file:`/`http(s):`/`data:` URL, encoded bytes, a `Blob`, or raw
 * pixels. Encoded images are decoded with sharp like PIL's `Image.open` (see `decodeWithSharp`); plain
 * 8-bit PNGs take a faster, byte-identical path first (see `decodePngFast`).
 * Browser builds map this file to `load-image-browser.ts` (package.json `browser`), so sharp never
 * reaches a browser bundle.
 *
 * @example
 * const image = await loadImage({ input: "../shared/images/000000039769.png" });
 * [image.width, image.height, image.channels] // [640, 480, 3]
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
  const { input, options } = params;
  const source = describeInput(input);
  if (typeof input === "string" || input instanceof URL) {
    const limits = resolveImageReadLimits({ ...(options ? { options } : {}) });
    const href = typeof input === "string" ? input : input.href;
    if (isFetchableUrl(href)) {
      const bytes = await fetchBytes({
        url: href,
        limits,
        ...(options?.fetch ? { fetch: options.fetch } : {}),
      });
      return decodeBytes({ reservePixels: params.reservePixels, bytes, source, options });
    }
    const path = /^file:/i.test(href) ? fileURLToPath(href) : href;
    return decodeBytes({
      reservePixels: params.reservePixels,
      bytes: await readImageFile({ path, maxBytes: limits.maxImageBytes }),
      source,
      options,
    });
  }
  const inMemory = await loadInMemoryImage({
    input,
    options: options ?? {},
    decode: (bytes) => decodeBytes({ reservePixels: params.reservePixels, bytes, source, options }),
  });
  if (inMemory) return inMemory;
  throw new InputError({
    argument: "image",
    value: source,
    expected:
      "a path, URL, encoded bytes (Uint8Array/Buffer/ArrayBuffer), Blob, or raw pixels { data, width, height, channels }",
  });
}

/** Encoded bytes → pixels: the fast PNG path when it applies, else sharp (which also gives the typed errors). */
async function decodeBytes(params: {
  reservePixels?: ((pixels: number) => Promise<void>) | undefined;
  bytes: Uint8Array;
  source: string;
  options?: DecodeOptions;
}): Promise<RawImage> {
  if (params.reservePixels) {
    const maxPixels = params.options?.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
    const header = readImageHeader({ bytes: params.bytes });
    await params.reservePixels(Math.min(header ? header.width * header.height : maxPixels, maxPixels));
  }
  return decodePngFast(params) ?? decodeWithSharp(params);
}
