import { NetworkTimeoutError } from "@mobilenetv1/core";
import { fetchWithTimeouts, redactUrl } from "@mobilenetv1/core/net";
import { MAX_RETRY_DELAY_MS } from "../options/hub-options.js";

/** Why the last request through a {@link HubFetch} failed for good. */
export interface FetchFailure {
  attempts: number;
  /** HTTP status when the server answered (5xx, 429), else undefined (connection error). */
  statusCode: number | undefined;
  cause: unknown;
  /** The request's URL without credentials or query. */
  url: string;
  /** Set when the last attempt timed out (connect timeout: no response headers in time). */
  timeout: NetworkTimeoutError | undefined;
}

/** The `fetch` handed to @huggingface/hub, plus what it saw that the library's errors drop. */
export interface HubFetch {
  fetch: typeof fetch;
  /** `X-Error-Code` of the error response last received for `url` (HubApiError keeps the URL, not headers). */
  errorCode(url: string): string | undefined;
  /** The last failure that exhausted the retries, if any. */
  lastFailure(): FetchFailure | undefined;
}

/** Thrown by the wrapped fetch when every attempt failed; the caller maps it to a typed error. */
export class FetchExhaustedError extends Error {
  readonly failure: FetchFailure;
  constructor(failure: FetchFailure) {
    super(`request failed after ${failure.attempts} attempt(s)`, { cause: failure.cause });
    this.failure = failure;
  }
}

/**
 * Wraps `fetch` so every call the library makes goes through core's `fetchWithTimeouts` (connect and
 * idle-read timeouts; `user:password@` in the URL sent as Basic auth, never on the wire or in a
 * message), retries connection errors, connect timeouts and 5xx/429 answers with exponential backoff
 * (so a silent server costs at most `attempts × connectTimeoutMs` plus the delays), and records `X-Error-Code` (RepoNotFound, RevisionNotFound, EntryNotFound,
 * GatedRepo): the hub tells a missing repo from a missing revision only through that header.
 *
 * @example
 * const hub = createHubFetch({ fetch, attempts: 3, retryDelayMs: 250, connectTimeoutMs: 10_000, readTimeoutMs: 10_000 });
 * await modelInfo({ name: "google/mobilenet_v1_1.0_224", fetch: hub.fetch });
 */
export function createHubFetch(params: {
  fetch: typeof fetch;
  /** Requests per call, the first included. */
  attempts: number;
  /** First wait between attempts in ms; doubles each retry. */
  retryDelayMs: number;
  /** Wait for response headers, per attempt. @default core's DEFAULT_CONNECT_TIMEOUT_MS (10 s) */
  connectTimeoutMs?: number;
  /** Idle wait for each next body chunk. @default core's DEFAULT_READ_TIMEOUT_MS (10 s) */
  readTimeoutMs?: number;
}): HubFetch {
  const codes = new Map<string, string>();
  let failure: FetchFailure | undefined;

  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // @huggingface/hub passes URLs (strings); a Request would bypass the timeouts, so it is a bug here.
    if (typeof input !== "string" && !(input instanceof URL)) throw new TypeError("hub fetch takes a URL");
    const url = String(input);
    let lastStatus: number | undefined;
    let lastCause: unknown;
    for (let attempt = 1; attempt <= params.attempts; attempt++) {
      if (attempt > 1) await sleep(Math.min(params.retryDelayMs * 2 ** (attempt - 2), MAX_RETRY_DELAY_MS));
      let response: Response;
      try {
        response = await fetchWithTimeouts({
          url,
          init,
          fetch: params.fetch,
          connectTimeoutMs: params.connectTimeoutMs,
          readTimeoutMs: params.readTimeoutMs,
        });
      } catch (error) {
        if (isAbort(error)) throw error;
        lastStatus = undefined;
        lastCause = error;
        continue;
      }
      const code = response.headers.get("X-Error-Code");
      if (code) codes.set(response.url || url, code);
      if (response.status >= 500 || response.status === 429) {
        lastStatus = response.status;
        lastCause = undefined;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      return response;
    }
    failure = {
      attempts: params.attempts,
      statusCode: lastStatus,
      cause: lastCause,
      url: redactUrl(url),
      timeout: lastCause instanceof NetworkTimeoutError ? lastCause : undefined,
    };
    throw new FetchExhaustedError(failure);
  };

  return {
    fetch: wrapped as typeof fetch,
    errorCode: (url) => codes.get(url),
    lastFailure: () => failure,
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
