/**
 * Typed errors of the server. Each extends core's {@link MobileNetError} and carries the HTTP status it is
 * answered with, so one error handler turns any of them into `{ "error": message, "code": code }`.
 */
import { MobileNetError, type MobileNetErrorCode } from "@mobilenetv1/core";

/** Base class of the server's own errors: a {@link MobileNetError} with the HTTP status to answer. */
export class ServeError extends MobileNetError {
  /** HTTP status code of the response that reports this error. */
  readonly status: number;

  constructor(params: {
    code: Extract<MobileNetErrorCode, `SERVE_${string}`>;
    status: number;
    message: string;
    cause?: unknown;
  }) {
    super(params.code, params.message, { cause: params.cause });
    this.status = params.status;
  }
}

/** The request queue is full (back-pressure): answered 503 with a `Retry-After` header. */
export class QueueFullError extends ServeError {
  /** Requests waiting when this one was refused (the `maxQueue` limit). */
  readonly maxQueue: number;
  /** Seconds the client should wait before retrying (the `Retry-After` header). */
  readonly retryAfterSeconds: number;

  constructor(params: { maxQueue: number; retryAfterSeconds: number }) {
    super({
      code: "SERVE_QUEUE_FULL",
      status: 503,
      message: `server busy: ${params.maxQueue} requests already waiting (maxQueue); retry after ${params.retryAfterSeconds} s`,
    });
    this.maxQueue = params.maxQueue;
    this.retryAfterSeconds = params.retryAfterSeconds;
  }
}

/** A request did not get its result within `timeoutMs` (queue wait + inference): answered 504. */
export class RequestTimeoutError extends ServeError {
  readonly timeoutMs: number;

  constructor(params: { timeoutMs: number }) {
    super({
      code: "SERVE_TIMEOUT",
      status: 504,
      message: `no result within ${params.timeoutMs} ms (timeoutMs): the server is overloaded`,
    });
    this.timeoutMs = params.timeoutMs;
  }
}

/** The server is shutting down and takes no new work: answered 503. */
export class ShuttingDownError extends ServeError {
  constructor() {
    super({
      code: "SERVE_SHUTTING_DOWN",
      status: 503,
      message: "server is shutting down: send the request to another replica",
    });
  }
}

/** The request names a model this server does not serve: answered 404. */
export class UnknownModelError extends ServeError {
  readonly modelName: string;
  readonly available: readonly string[];

  constructor(params: { modelName: string; available: readonly string[] }) {
    super({
      code: "SERVE_MODEL_NOT_FOUND",
      status: 404,
      message: `model ${JSON.stringify(params.modelName)} is not served here; served: ${params.available
        .map((n) => JSON.stringify(n))
        .join(", ")}`,
    });
    this.modelName = params.modelName;
    this.available = params.available;
  }
}

/** A body whose `Content-Type` this route does not take: answered 415. */
export class UnsupportedMediaTypeError extends ServeError {
  readonly contentType: string;
  readonly expected: string;

  constructor(params: { contentType: string; expected: string }) {
    super({
      code: "SERVE_MEDIA_TYPE",
      status: 415,
      message: `Content-Type ${JSON.stringify(params.contentType)} is not accepted: expected ${params.expected}`,
    });
    this.contentType = params.contentType;
    this.expected = params.expected;
  }
}

/** A request body larger than `maxBodyBytes`: answered 413. */
export class BodyTooLargeError extends ServeError {
  readonly maxBodyBytes: number;

  constructor(params: { maxBodyBytes: number }) {
    super({
      code: "SERVE_BODY_TOO_LARGE",
      status: 413,
      message: `request body is larger than ${params.maxBodyBytes} bytes (maxBodyBytes)`,
    });
    this.maxBodyBytes = params.maxBodyBytes;
  }
}

/**
 * A request that is not what the protocol expects (bad JSON, a missing field, a tensor whose shape and data
 * disagree...): answered 400. `field` names the offending part, e.g. `inputs[0].shape`.
 */
export class BadRequestError extends ServeError {
  readonly field: string;
  readonly expected: string;

  constructor(params: { field: string; message: string; expected: string }) {
    super({
      code: "SERVE_BAD_REQUEST",
      status: 400,
      message: `${params.field}: ${params.message}; expected ${params.expected}`,
    });
    this.field = params.field;
    this.expected = params.expected;
  }
}
