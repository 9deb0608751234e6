import { redactUrl } from "@mobilenetv1/core/net";
import type { RawImageInput } from "../image/raw-image.js";

/**
 * What `preprocess` and `loadImage` accept.
 * - Node and browsers: a URL (`http:`, `https:`, `data:`; `file:` in Node) as string or `URL`; encoded
 *   bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`) of PNG, JPEG, WebP or GIF (first frame); a `Blob`;
 *   raw pixels `{ data, width, height, channels }`; an `ImageData`-like `{ data, width, height }` (RGBA).
 * - Node only: a file path.
 * - Browsers only: `ImageBitmap`, `HTMLImageElement`, `HTMLCanvasElement`, `OffscreenCanvas`.
 */
export type ImageInput =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | Blob
  | RawImageInput
  | ImageData
  | ImageBitmap
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas;

/** Decoding options. Defaults reproduce PIL's `Image.open`, which ignores EXIF orientation and ICC profiles. */
export interface DecodeOptions {
  /** Rotate/flip by the EXIF Orientation tag (Node; in browsers a best effort). @default false */
  applyExifOrientation?: boolean;
  /** Convert to sRGB through the embedded ICC profile (Node). @default false */
  applyIccProfile?: boolean;
  /** Refuse images with more pixels, read from the header before decoding. @default DEFAULT_MAX_IMAGE_PIXELS */
  maxImagePixels?: number;
  /** `fetch` used for URLs (tests, proxies, auth). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Refuse a file, download or Blob larger than this many bytes (before reading it when the size is
   * known, else as soon as the body passes it).
   * @default env MOBILENET_MAX_IMAGE_BYTES, else DEFAULT_MAX_IMAGE_BYTES (256 MiB)
   */
  maxImageBytes?: number;
  /** Downloads: the longest wait for the response headers. @default env MOBILENET_IMAGE_TIMEOUT (s), else 10 000 ms */
  connectTimeoutMs?: number;
  /** Downloads: the longest wait for each next body chunk. @default env MOBILENET_IMAGE_TIMEOUT (s), else 10 000 ms */
  readTimeoutMs?: number;
}

/**
 * PIL's `Image.MAX_IMAGE_PIXELS` (1024 × 1024 × 1024 / 4 / 3): PIL warns above it and refuses above twice
 * as much; this package refuses above it (raise `maxImagePixels` to allow more).
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 89_478_485;

/** `{ data, width, height, channels }` (raw pixels). */
export function isRawImageInput(value: unknown): value is RawImageInput {
  return (
    typeof value === "object" &&
    value !== null &&
    "data" in value &&
    "width" in value &&
    "height" in value &&
    "channels" in value
  );
}

/** `{ data: Uint8ClampedArray, width, height }` without `channels`: an `ImageData` (RGBA) or look-alike. */
export function isImageDataLike(
  value: unknown,
): value is { data: Uint8ClampedArray | Uint8Array; width: number; height: number } {
  return (
    typeof value === "object" &&
    value !== null &&
    !("channels" in value) &&
    "width" in value &&
    "height" in value &&
    "data" in value &&
    (value.data instanceof Uint8ClampedArray || value.data instanceof Uint8Array)
  );
}

/** A URL string this package fetches (`http:`, `https:`, `data:`, `blob:`). */
export function isFetchableUrl(value: string): boolean {
  return /^(https?:|data:|blob:)/i.test(value);
}

/** Short description of an input for error messages: URLs lose credentials and query (`redactUrl`). */
export function describeInput(input: unknown): string {
  if (typeof input === "string") {
    if (input.startsWith("data:")) return `${input.slice(0, 40)}…`;
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? redactUrl(input) : input;
  }
  if (input instanceof URL) return redactUrl(input.href);
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return `<${input.byteLength} bytes>`;
  return `<${input === null ? "null" : typeof input === "object" ? (input.constructor?.name ?? "object") : typeof input}>`;
}
