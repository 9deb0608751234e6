import type { SourceOptions } from "@mobilenetv1/core";

// Re-exported so hub users find every default here (huggingface_hub's 10 s each).
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS } from "@mobilenetv1/core/net";

/** Hub endpoint when neither `hubUrl` nor `HF_ENDPOINT` is set. */
export const DEFAULT_HUB_URL = "https://huggingface.co";
/** Revision when none is given (huggingface_hub's `DEFAULT_REVISION`). */
export const DEFAULT_REVISION = "main";
/** Requests per call before a network error or 5xx/429 is reported (first try included). */
export const DEFAULT_ATTEMPTS = 3;
/** First wait between attempts; doubles each time, capped at {@link MAX_RETRY_DELAY_MS}. */
export const DEFAULT_RETRY_DELAY_MS = 250;
export const MAX_RETRY_DELAY_MS = 4_000;
/** Times a download that drops mid-file is resumed (reset whenever bytes arrive), like huggingface_hub. */
export const DEFAULT_RESUMES = 5;

/**
 * Options of every hub entry point: core's {@link SourceOptions} (what `fromPretrained` passes) plus
 * knobs that only make sense here.
 */
export interface HubOptions extends SourceOptions {
  /**
   * Requests per call before giving up on network errors and 5xx/429 answers.
   * @default DEFAULT_ATTEMPTS (3)
   */
  attempts?: number;
  /**
   * First wait between attempts, in ms (doubles each retry).
   * @default DEFAULT_RETRY_DELAY_MS (250)
   */
  retryDelayMs?: number;
  /**
   * Longest wait for the response headers of each request, in ms; a request that times out is retried
   * like a connection error (see `attempts`), so a silent server costs at most about
   * `attempts × connectTimeoutMs` plus the retry delays. Environment: `HF_HUB_ETAG_TIMEOUT` (seconds).
   * @default DEFAULT_CONNECT_TIMEOUT_MS (10 000, huggingface_hub's 10 s)
   */
  connectTimeoutMs?: number;
  /**
   * Longest wait for the next chunk of a response body, in ms (an idle timeout: a slow but steady
   * download is fine). A file download that stalls is resumed with a `Range` request, like a dropped
   * connection. Environment: `HF_HUB_DOWNLOAD_TIMEOUT` (seconds).
   * @default DEFAULT_READ_TIMEOUT_MS (10 000, huggingface_hub's 10 s)
   */
  readTimeoutMs?: number;
}
