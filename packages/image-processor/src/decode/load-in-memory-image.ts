import { type RawImage, toRawImage } from "../image/raw-image.js";
import { type DecodeOptions, type ImageInput, isImageDataLike, isRawImageInput } from "./image-input.js";
import { resolveImageReadLimits } from "./image-read-limits.js";
import { readBlobCapped } from "./read-blob-capped.js";

/**
 * The inputs both loaders (Node's and the browser's) take the same way: encoded bytes (`Uint8Array`,
 * `ArrayBuffer`), a `Blob` read up to the byte cap, raw pixels and `ImageData`. Encoded bytes go to the
 * platform's `decode`; anything else is left to the caller (`undefined`).
 *
 * @example
 * await loadInMemoryImage({ input: pngBytes, options: {}, decode }) // the RawImage `decode` made
 * await loadInMemoryImage({ input: "cats.png", options: {}, decode }) // undefined: a path is the caller's
 */
export async function loadInMemoryImage(params: {
  input: ImageInput;
  options: DecodeOptions;
  /** Decodes encoded bytes on this platform. */
  decode: (bytes: Uint8Array) => Promise<RawImage>;
  /** Environment for the byte cap's variable. @default process.env in Node (browsers pass `{}`) */
  env?: Record<string, string | undefined>;
}): Promise<RawImage | undefined> {
  const { input, options, decode } = params;
  if (input instanceof Uint8Array) return decode(input);
  if (input instanceof ArrayBuffer) return decode(new Uint8Array(input));
  if (typeof Blob !== "undefined" && input instanceof Blob) {
    const { maxImageBytes } = resolveImageReadLimits({ options, ...(params.env ? { env: params.env } : {}) });
    return decode(await readBlobCapped({ blob: input, maxBytes: maxImageBytes }));
  }
  if (isRawImageInput(input)) return toRawImage({ input });
  if (isImageDataLike(input)) {
    return toRawImage({
      input: { data: input.data, width: input.width, height: input.height, channels: 4 },
      source: "<ImageData>",
    });
  }
  return undefined;
}
