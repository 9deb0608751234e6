/**
 * A hand-written decoder for the common PNGs: 8-bit, non-interlaced greyscale, RGB or RGBA, without tRNS.
 *
 * Why hand-written: speed. sharp's pipeline (header read + libvips decode + raw copy) costs about 2.5× the
 * native zlib inflate for a 640×480 RGB PNG, and decoding was the largest part of an end-to-end
 * classification. Here the inflate is node:zlib's native `inflateSync` (no hand-written inflater) and only
 * the PNG row filters are undone in JS.
 *
 * Why exact: PNG is lossless, and only the plain 8-bit non-interlaced types are handled, for which every
 * correct decoder (libspng in sharp, PIL) produces the same bytes. Anything else — other bit depths,
 * palettes, tRNS, interlacing, APNG, bad CRCs, truncated or over-long data, unknown critical chunks, a
 * colour profile or EXIF block that the options ask to apply — returns `undefined`, and the caller decodes
 * with sharp, which also gives the typed errors.
 */
import * as zlib from "node:zlib";
import type { RawImage } from "../image/raw-image.js";
import { DEFAULT_MAX_IMAGE_PIXELS, type DecodeOptions } from "./image-input.js";
import { unfilter } from "./png-unfilter.js";

// zlib.crc32 is Node ≥ 20.15 / 22.2; without it every file goes to sharp.
const crc32: ((data: Uint8Array) => number) | undefined =
  typeof zlib.crc32 === "function" ? zlib.crc32 : undefined;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// Chunk types as big-endian uint32.
const IHDR = 0x49484452;
const IDAT = 0x49444154;
const IEND = 0x49454e44;
const TRNS = 0x74524e53;
const ICCP = 0x69434350;
const SRGB = 0x73524742;
const GAMA = 0x67414d41;
const CHRM = 0x6348524d;
const EXIF = 0x65584966;
const TEXT = 0x74455874;
const ZTXT = 0x7a545874;
const ITXT = 0x69545874;
const ACTL = 0x6163544c;
const FCTL = 0x6663544c;
const FDAT = 0x66644154;

/** Bytes per pixel in the PNG data, by colour type (0 grey, 2 RGB, 6 RGBA). */
const PNG_BPP: Readonly<Record<number, 1 | 3 | 4>> = { 0: 1, 2: 3, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced greyscale, RGB or RGBA PNG without tRNS into exactly what
 * `decodeWithSharp` returns for it: RGB (3 channels; greyscale is replicated into R, G and B, as sharp
 * does) or RGBA (4 channels), no `colorSpace`. Returns `undefined` for any other file, a malformed one,
 * one above `options.maxImagePixels`, or one whose colour profile / EXIF the options ask to apply; the
 * caller then decodes with sharp. Never throws.
 *
 * @example
 * const bytes = readFileSync("cats.png");
 * const image = decodePngFast({ bytes }) ?? (await decodeWithSharp({ bytes, source: "cats.png" }));
 */
export function decodePngFast(params: { bytes: Uint8Array; options?: DecodeOptions }): RawImage | undefined {
  const { bytes } = params;
  const options = params.options ?? {};
  const maxPixels = options.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  if (crc32 === undefined || bytes.length < 8 + 25 + 12) return undefined;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let width = 0;
  let height = 0;
  let bpp: 1 | 3 | 4 | undefined;
  const idat: Array<[number, number]> = [];
  let idatDone = false;
  let ended = false;
  for (let pos = 8; !ended; ) {
    if (pos + 12 > bytes.length) return undefined;
    const length = view.getUint32(pos);
    const type = view.getUint32(pos + 4);
    const end = pos + 8 + length;
    if (length > 0x7fffffff || end + 4 > bytes.length || !isChunkName(type)) return undefined;
    if (crc32(bytes.subarray(pos + 4, end)) !== view.getUint32(end)) return undefined;
    if ((pos === 8) !== (type === IHDR)) return undefined; // IHDR first, and only there
    if (idat.length > 0 && type !== IDAT) idatDone = true;
    switch (type) {
      case IHDR: {
        if (length !== 13) return undefined;
        width = view.getUint32(pos + 8);
        height = view.getUint32(pos + 12);
        const [depth, colorType, compression, filter, interlace] = bytes.subarray(pos + 16, pos + 21);
        bpp = PNG_BPP[colorType!];
        if (depth !== 8 || bpp === undefined || compression !== 0 || filter !== 0 || interlace !== 0) {
          return undefined;
        }
        break;
      }
      case IDAT:
        if (idatDone) return undefined; // IDAT chunks must be consecutive
        idat.push([pos + 8, end]);
        break;
      case IEND:
        ended = true;
        break;
      case TRNS:
      case ACTL:
      case FCTL:
      case FDAT:
        return undefined;
      case ICCP:
      case SRGB:
      case GAMA:
      case CHRM:
        if (options.applyIccProfile) return undefined;
        break;
      case EXIF:
      case TEXT:
      case ZTXT:
      case ITXT:
        if (options.applyExifOrientation) return undefined;
        break;
      default:
        if ((type & 0x20000000) === 0) return undefined; // an unknown or unhandled critical chunk (PLTE...)
    }
    pos = end + 4;
  }
  if (bpp === undefined || idat.length === 0) return undefined;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return undefined;
  if (!(width * height <= maxPixels)) return undefined; // sharp's path gives the typed error

  const stride = width * bpp;
  const expected = height * (stride + 1);
  let compressed = 0;
  for (const [start, end] of idat) compressed += end - start;
  // Deflate cannot expand more than 1032:1; a larger claim is a truncated or hostile file: no allocation.
  if (expected > 0x7fffffff || compressed * 1032 + 1024 < expected) return undefined;
  // The output doubles as scratch space for gathering the IDAT data: one large allocation fewer.
  const pixels = new Uint8Array(stride * height);
  const filtered = inflateExactly(gatherIdat(bytes, idat, compressed, pixels), expected);
  if (filtered === undefined || !unfilter(filtered, pixels, width, height, bpp)) return undefined;
  return bpp === 1
    ? { data: greyToRgb(pixels), width, height, channels: 3 }
    : { data: pixels, width, height, channels: bpp };
}

/** Four ASCII letters. */
function isChunkName(type: number): boolean {
  for (let shift = 24; shift >= 0; shift -= 8) {
    const c = (type >>> shift) & 0xff;
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return true;
}

/** The IDAT data in one piece: a view of `bytes` for one chunk, else copied into `scratch` when it fits. */
function gatherIdat(
  bytes: Uint8Array,
  ranges: Array<[number, number]>,
  total: number,
  scratch: Uint8Array,
): Uint8Array {
  if (ranges.length === 1) return bytes.subarray(ranges[0]![0], ranges[0]![1]);
  const out = total <= scratch.length ? scratch.subarray(0, total) : new Uint8Array(total);
  let at = 0;
  for (const [start, end] of ranges) {
    out.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  return out;
}

/** The inflated zlib stream when it is exactly `expected` bytes and fills the IDAT data exactly. */
function inflateExactly(compressed: Uint8Array, expected: number): Uint8Array | undefined {
  try {
    const { buffer, engine } = zlib.inflateSync(compressed, {
      maxOutputLength: expected + 1,
      // One output chunk for ordinary images (no concatenation of 16 KB pieces).
      chunkSize: Math.max(64, Math.min(expected + 1, 64 << 20)),
      info: true,
    }) as unknown as { buffer: Buffer; engine: zlib.Inflate };
    if (buffer.length !== expected || engine.bytesWritten !== compressed.length) return undefined;
    return buffer;
  } catch {
    return undefined; // corrupt, truncated or too long: sharp decides
  }
}

function greyToRgb(grey: Uint8Array): Uint8Array {
  const out = new Uint8Array(grey.length * 3);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) {
    const v = grey[i]!;
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
  }
  return out;
}
