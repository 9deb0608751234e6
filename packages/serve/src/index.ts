export { type BatchReport, DynamicBatcher, type RunBatch } from "./batcher.js";
export {
  BadRequestError,
  BodyTooLargeError,
  QueueFullError,
  RequestTimeoutError,
  ServeError,
  ShuttingDownError,
  UnknownModelError,
  UnsupportedMediaTypeError,
} from "./errors.js";
export {
  type HfClassificationRequest,
  labelScores,
  parseHfRequest,
  type ScoreFunction,
} from "./hf-protocol.js";
export { type ErrorResponse, errorResponse } from "./http-errors.js";
export {
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_IMAGE_PIXELS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOP_K,
  resolveLimits,
  type ServeLimits,
} from "./limits.js";
export { createMetrics, type ServeMetrics } from "./metrics.js";
export {
  createPreprocessPool,
  PREPROCESS_WORKER_URL,
  type PreprocessPool,
  preprocessWorkersAvailable,
} from "./preprocess-pool.js";
export { IMAGE_CONTENT_TYPES } from "./request-body.js";
export { SERVER_NAME, SERVER_VERSION } from "./routes.js";
export {
  type CreateServerOptions,
  createServer,
  DEFAULT_HOST,
  DEFAULT_MODEL_NAME,
  DEFAULT_PORT,
  type LogEntry,
  type ServableModel,
  type ServableProcessor,
  type ServeHandle,
} from "./server.js";
export {
  LOGITS_OUTPUT,
  MIN_SIDE,
  PIXEL_VALUES_INPUT,
  parseV2InferRequest,
  type V2InferInput,
  type V2InferRequest,
} from "./v2-protocol.js";
