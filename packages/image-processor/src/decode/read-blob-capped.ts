import { ImageSourceError } from "../errors/image-errors.js";

/**
 * A `Blob`'s (or `File`'s) bytes, refused before reading when its size is above `maxBytes`.
 *
 * @example
 * await readBlobCapped({ blob: new Blob(["abc"]), maxBytes: 2 })
 * // throws ImageSourceError: "<Blob>: Blob is 3 bytes, above the limit of 2 (...)"
 */
export async function readBlobCapped(params: { blob: Blob; maxBytes: number }): Promise<Uint8Array> {
  const { blob, maxBytes } = params;
  if (blob.size > maxBytes) {
    throw new ImageSourceError({
      source: `<${blob.constructor?.name ?? "Blob"}>`,
      reason: "too-large",
      limit: maxBytes,
      message: `Blob is ${blob.size} bytes, above the limit of ${maxBytes} (decode.maxImageBytes or MOBILENET_MAX_IMAGE_BYTES)`,
    });
  }
  return new Uint8Array(await blob.arrayBuffer());
}
