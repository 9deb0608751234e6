/**
 * The server's limits and their defaults. Every one is an option of `createServer` and a flag of
 * `mobilenet serve` (which also reads `MOBILENET_SERVE_*` environment variables).
 */
import { InputError } from "@mobilenetv1/core";

/** Most images in one forward pass (`--max-batch`). 1 turns dynamic batching off. @default 8 */
export const DEFAULT_MAX_BATCH = 8;
/** How long the first waiting request waits for others to share its forward (`--max-delay-ms`). @default 5 */
export const DEFAULT_MAX_DELAY_MS = 5;
/**
 * Requests admitted and not yet running (being decoded or queued for the model) before new ones are
 * refused with 503 + `Retry-After` (`--max-queue`). @default 64
 */
export const DEFAULT_MAX_QUEUE = 64;
/** Time from a request's admission to its result before it is answered 504 (`--timeout-ms`). @default 30000 */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest request body; larger ones are answered 413 (`--max-body-bytes`). @default 33554432 (32 MiB) */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Largest decoded image, in pixels, read from the header before decoding (a decompression bomb is answered
 * 400 `IMAGE_TOO_LARGE` without allocating its pixels) (`--max-image-pixels`). @default 16777216 (4096²)
 */
export const DEFAULT_MAX_IMAGE_PIXELS = 4096 * 4096;
/** Seconds a client refused with 503 is told to wait (`Retry-After`). @default 1 */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** Labels per image answered to the Hugging Face route when the request names no `top_k`. @default 5 */
export const DEFAULT_TOP_K = 5;

/** The limits a server runs with, every field resolved. */
export interface ServeLimits {
  maxBatch: number;
  maxDelayMs: number;
  maxQueue: number;
  timeoutMs: number;
  maxBodyBytes: number;
  maxImagePixels: number;
  retryAfterSeconds: number;
}

/**
 * Fills in the defaults and checks every limit is a positive integer (`maxDelayMs` may be 0).
 *
 * @throws InputError naming the option and the value.
 * @example
 * resolveLimits({ limits: { maxBatch: 1 } }).maxBatch // 1
 */
export function resolveLimits(params: { limits?: Partial<ServeLimits> }): ServeLimits {
  const given = params.limits ?? {};
  const limits: ServeLimits = {
    maxBatch: given.maxBatch ?? DEFAULT_MAX_BATCH,
    maxDelayMs: given.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    maxQueue: given.maxQueue ?? DEFAULT_MAX_QUEUE,
    timeoutMs: given.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: given.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxImagePixels: given.maxImagePixels ?? DEFAULT_MAX_IMAGE_PIXELS,
    retryAfterSeconds: given.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
  };
  for (const [name, value] of Object.entries(limits)) {
    const min = name === "maxDelayMs" ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new InputError({ argument: name, value, expected: `an integer >= ${min}` });
    }
  }
  return limits;
}
