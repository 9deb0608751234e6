import type sharp from "sharp";
import { ImageDecodeError, ImageDimensionsError } from "../errors/image-errors.js";
import type { RawImage } from "../image/raw-image.js";
import { DEFAULT_MAX_IMAGE_PIXELS, type DecodeOptions } from "./image-input.js";
import { loadSharp } from "./load-sharp.js";

/**
 * Decodes PNG, JPEG, WebP, GIF (first frame) and the other formats libvips reads, with sharp, the way
 * PIL's `Image.open` + `convert("RGB")` sees the file:
 * - no EXIF rotation and no ICC transform unless asked (`ignoreIcc`, no `autoOrient`);
 * - CMYK JPEGs come out as CMYK (`colorSpace: "cmyk"`), for PIL's own CMYK → RGB formula, not an ICC
 *   conversion;
 * - 16-bit greyscale comes out as PIL's mode "I" turned RGB: values above 255 clip to 255 (16-bit RGB(A)
 *   keeps the high byte, as both libraries do);
 * - truncated files are errors (PIL: "image file is truncated"); libjpeg warnings PIL ignores are ignored.
 * The header is read first, and images above `maxImagePixels` are refused before any pixel is decoded.
 * sharp is an optional peer dependency, imported on the first call.
 *
 * @throws MissingPeerDependencyError when sharp is not installed (or does not load).
 */
export async function decodeWithSharp(params: {
  bytes: Uint8Array;
  source: string;
  options?: DecodeOptions;
}): Promise<RawImage> {
  const { bytes, source } = params;
  const options = params.options ?? {};
  const sharpFn = await loadSharp();
  const maxPixels = options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const open = (limit: boolean) =>
    sharpFn(bytes, {
      failOn: "truncated",
      ignoreIcc: !options.applyIccProfile,
      autoOrient: options.applyExifOrientation === true,
      // The header is read without sharp's limit so that our check gives the typed error; the decode
      // keeps sharp's limit as a second guard.
      limitInputPixels: limit && Number.isFinite(maxPixels) ? Math.max(1, Math.floor(maxPixels)) : false,
    });

  let metadata: sharp.Metadata;
  try {
    metadata = await open(false).metadata();
  } catch (cause) {
    throw new ImageDecodeError({ source, message: `not a readable image (${messageOf(cause)})`, cause });
  }
  const { width = 0, height = 0 } = metadata;
  if (width === 0 || height === 0) throw new ImageDimensionsError({ source, width, height, reason: "empty" });
  if (width * height > maxPixels) {
    throw new ImageDimensionsError({ source, width, height, reason: "too-large", limit: maxPixels });
  }

  try {
    if (metadata.space === "cmyk" && !options.applyIccProfile) {
      const { data, info } = await open(true)
        .pipelineColourspace("cmyk")
        .toColourspace("cmyk")
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data: asBytes(data), width: info.width, height: info.height, channels: 4, colorSpace: "cmyk" };
    }
    if (metadata.depth === "ushort" && metadata.channels === 1) {
      const { data, info } = await open(true)
        .toColourspace("grey16")
        .raw({ depth: "ushort" })
        .toBuffer({ resolveWithObject: true });
      return { data: clipUint16(data), width: info.width, height: info.height, channels: 1 };
    }
    const { data, info } = await open(true).raw().toBuffer({ resolveWithObject: true });
    return { data: asBytes(data), width: info.width, height: info.height, channels: info.channels };
  } catch (cause) {
    throw new ImageDecodeError({
      source,
      format: metadata.format,
      message: `could not decode ${metadata.format} data (${messageOf(cause)})`,
      cause,
    });
  }
}

function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** PIL's `convert("RGB")` of mode "I" clips to 0..255 rather than scaling 16-bit values down. */
function clipUint16(buffer: Buffer): Uint8Array {
  const n = buffer.byteLength / 2;
  const out = new Uint8Array(n);
  // sharp writes native-endian uint16; reading through a Uint16Array needs 2-byte alignment.
  const aligned = buffer.byteOffset % 2 === 0 ? buffer : Buffer.from(buffer);
  const values = new Uint16Array(aligned.buffer, aligned.byteOffset, n);
  for (let i = 0; i < n; i++) out[i] = Math.min(values[i]!, 255);
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
