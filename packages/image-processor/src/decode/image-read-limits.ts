import { InputError } from "@mobilenetv1/core";
import { ImageEnvVarError } from "../errors/image-errors.js";

/**
 * Most bytes read for one encoded image (file, download or Blob): 256 MiB. Why this value: PIL's pixel
 * limit (`DEFAULT_MAX_IMAGE_PIXELS`, 1024³/4/3 pixels) times 3 bytes per 8-bit RGB pixel is exactly
 * 256 MiB − 3 bytes, so the largest image the processor accepts fits even stored with no compression
 * at all (a PNG of noise, an uncompressed TIFF/BMP), and any JPEG or WebP of it fits many times over; yet
 * an endless body, `/dev/zero` or a runaway file stops at a quarter of a GiB.
 */
export const DEFAULT_MAX_IMAGE_BYTES = 256 * 1024 * 1024;

/**
 * Image downloads: the longest wait for the response headers, and then for each next chunk of the body
 * (an idle timeout, so a slow but steady download is fine): 10 s, as the hub's timeouts.
 */
export const DEFAULT_IMAGE_TIMEOUT_MS = 10_000;

/** Overrides {@link DEFAULT_IMAGE_TIMEOUT_MS} for connect and idle read: seconds, > 0 (fractions allowed). */
export const IMAGE_TIMEOUT_ENV = "MOBILENET_IMAGE_TIMEOUT";
/** Overrides {@link DEFAULT_MAX_IMAGE_BYTES}: a positive integer number of bytes. */
export const MAX_IMAGE_BYTES_ENV = "MOBILENET_MAX_IMAGE_BYTES";

/** The read limits in force for one image. */
export interface ImageReadLimits {
  readonly maxImageBytes: number;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

/**
 * The limits for one image: the options when given, else the environment variables
 * ({@link IMAGE_TIMEOUT_ENV}, {@link MAX_IMAGE_BYTES_ENV}) when set, else the defaults. An environment
 * value that is not a positive number is an {@link ImageEnvVarError} naming the variable (never ignored:
 * a typo must not silently lift a limit).
 *
 * @example
 * resolveImageReadLimits({ options: {}, env: { MOBILENET_IMAGE_TIMEOUT: "2.5" } })
 * // { maxImageBytes: 268435456, connectTimeoutMs: 2500, readTimeoutMs: 2500 }
 */
export function resolveImageReadLimits(params: {
  options?: { maxImageBytes?: number; connectTimeoutMs?: number; readTimeoutMs?: number };
  /** @default process.env in Node, nothing in browsers */
  env?: Record<string, string | undefined>;
}): ImageReadLimits {
  const o = params.options ?? {};
  const env = params.env ?? processEnv();
  const envTimeout = envNumber({ env, name: IMAGE_TIMEOUT_ENV, integer: false });
  const envBytes = envNumber({ env, name: MAX_IMAGE_BYTES_ENV, integer: true });
  const timeoutMs = envTimeout === undefined ? DEFAULT_IMAGE_TIMEOUT_MS : envTimeout * 1000;
  return {
    maxImageBytes:
      optionNumber({ value: o.maxImageBytes, name: "maxImageBytes" }) ?? envBytes ?? DEFAULT_MAX_IMAGE_BYTES,
    connectTimeoutMs: optionNumber({ value: o.connectTimeoutMs, name: "connectTimeoutMs" }) ?? timeoutMs,
    readTimeoutMs: optionNumber({ value: o.readTimeoutMs, name: "readTimeoutMs" }) ?? timeoutMs,
  };
}

/** An option is checked like the environment: a NaN or negative limit would disable the guard silently. */
function optionNumber(params: { value: number | undefined; name: string }): number | undefined {
  const { value, name } = params;
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    throw new InputError({ argument: `decode.${name}`, value, expected: "a positive number" });
  }
  return value;
}

function envNumber(params: {
  env: Record<string, string | undefined>;
  name: string;
  integer: boolean;
}): number | undefined {
  const raw = params.env[params.name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw.trim());
  const ok = Number.isFinite(value) && value > 0 && (!params.integer || Number.isSafeInteger(value));
  if (!ok) {
    throw new ImageEnvVarError({
      variable: params.name,
      value: raw,
      expected: params.integer ? "a positive integer (bytes)" : "a positive number of seconds",
    });
  }
  return value;
}

function processEnv(): Record<string, string | undefined> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}
