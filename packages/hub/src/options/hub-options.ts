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
 * The hub's options: what `fromPretrained("org/name", options)` (any package's) and {@link HubOptions}
 * accept once `@mobilenetv1/hub` is imported. Each one wins over its environment variable, read at call
 * time (never at import, and never in browsers).
 */
export interface HubSourceOptions {
  /** Branch, tag, commit or `refs/pr/N`. @default DEFAULT_REVISION ("main") */
  revision?: string;
  /**
   * The cache: in Node a folder in huggingface_hub's layout, shared with Python; in browsers the name of
   * the Cache Storage cache.
   * @default Node: HF_HUB_CACHE ?? HUGGINGFACE_HUB_CACHE ?? $HF_HOME/hub ?? $XDG_CACHE_HOME/huggingface/hub ?? ~/.cache/huggingface/hub; browsers: "mobilenetv1-hub"
   */
  cacheDir?: string;
  /**
   * Never touch the network; use cached files only. `HF_HUB_OFFLINE=1` (or `TRANSFORMERS_OFFLINE=1`)
   * does the same and cannot be turned off by this option.
   * @default false
   */
  localFilesOnly?: boolean;
  /**
   * Hub endpoint, e.g. a mirror; `user:password@` in it is sent as Basic auth and never shown.
   * @default process.env.HF_ENDPOINT ?? DEFAULT_HUB_URL ("https://huggingface.co")
   */
  hubUrl?: string;
  /**
   * Access token (`hf_...`) for gated and private repos; sent to the hub only, never shown in errors.
   * @default process.env.HF_TOKEN ?? process.env.HUGGING_FACE_HUB_TOKEN
   */
  accessToken?: string;
  /** Download progress, per file: bytes loaded so far and the file's size. @default undefined */
  progress?: (event: { file: string; loaded: number; total: number | undefined }) => void;
  /** `fetch` override (tests, proxies); every request goes through it. @default globalThis.fetch */
  fetch?: typeof fetch;
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

/**
 * Options of `openRepo` and `download`: the hub's own, core's per-file caps (`maxJsonFileBytes`,
 * `maxModelFileBytes`, which bound downloads and cache reads too) and the weights choice.
 */
export interface HubOptions extends HubSourceOptions, SourceOptions {
  /**
   * `true`: offer only model.safetensors (an int8 repo's own safetensors file counts); `false`: only
   * pytorch_model.bin; `undefined`: both. Core's choice (`fromPretrained` passes it through).
   * @default undefined
   */
  useSafetensors?: boolean;
}

// The hub's options join core's SourceOptions wherever this package is imported, so
// `MobileNetV1ForImageClassification.fromPretrained(id, { revision, accessToken })` type-checks.
declare module "@mobilenetv1/core" {
  interface SourceOptions extends HubSourceOptions {}
}
