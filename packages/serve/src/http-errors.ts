/**
 * Errors → HTTP responses. Both protocols answer errors as `{ "error": message }` (the Open Inference
 * Protocol's error object, which `@huggingface/inference` also reads), plus the stable `code`. A client's
 * mistake never becomes a 500: only errors nobody threw on purpose do, and their message stays in the log.
 */
import { MobileNetError } from "@mobilenetv1/core";
import { BodyTooLargeError, ServeError } from "./errors.js";

/** What an error is answered with. */
export interface ErrorResponse {
  status: number;
  body: { error: string; code: string };
  headers: Record<string, string>;
}

/**
 * The status, JSON body and headers that report `error`.
 *
 * @example
 * errorResponse({ error: new QueueFullError({ maxQueue: 64, retryAfterSeconds: 1 }), maxBodyBytes })
 * // { status: 503, body: { error: "server busy: ...", code: "SERVE_QUEUE_FULL" }, headers: { "retry-after": "1" } }
 */
export function errorResponse(params: { error: unknown; maxBodyBytes: number }): ErrorResponse {
  const error = normalize(params);
  if (error instanceof ServeError) {
    const headers: Record<string, string> =
      error.status === 503 ? { "retry-after": String(retryAfter(error)) } : {};
    return { status: error.status, body: { error: error.message, code: error.code }, headers };
  }
  if (error instanceof MobileNetError && isClientMistake(error.code)) {
    return { status: 400, body: { error: error.message, code: error.code }, headers: {} };
  }
  return {
    status: 500,
    body: { error: "internal server error (see the server log)", code: "SERVE_INTERNAL" },
    headers: {},
  };
}

/** Codes that mean the request's image or tensor is unusable (decoding, size, shape, values). */
function isClientMistake(code: string): boolean {
  return code.startsWith("IMAGE_") || code === "INPUT_INVALID";
}

function retryAfter(error: ServeError): number {
  return "retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number"
    ? error.retryAfterSeconds
    : 1;
}

// Fastify reports its own request errors (body over the limit, malformed headers...) with a `statusCode`.
function normalize(params: { error: unknown; maxBodyBytes: number }): unknown {
  const { error } = params;
  if (error instanceof MobileNetError || typeof error !== "object" || error === null) return error;
  const code = "code" in error ? String(error.code) : "";
  const status = "statusCode" in error ? Number(error.statusCode) : 500;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413) {
    return new BodyTooLargeError({ maxBodyBytes: params.maxBodyBytes });
  }
  if (status >= 400 && status < 500) {
    const message = "message" in error ? String(error.message) : "bad request";
    return new ServeError({ code: "SERVE_BAD_REQUEST", status, message });
  }
  return error;
}
