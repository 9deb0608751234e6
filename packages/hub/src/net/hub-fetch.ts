import { MAX_RETRY_DELAY_MS } from "../options/hub-options.js";

/** Why the last request through a {@link HubFetch} failed for good. */
export interface FetchFailure {
  attempts: number;
  /** HTTP status when the server answered (5xx, 429), else undefined (connection error). */
  statusCode: number | undefined;
  cause: unknown;
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
 * Wraps `fetch` so every call the library makes retries connection errors and 5xx/429 answers with
 * exponential backoff, and records `X-Error-Code` (RepoNotFound, RevisionNotFound, EntryNotFound,
 * GatedRepo): the hub tells a missing repo from a missing revision only through that header.
 *
 * @example
 * const hub = createHubFetch({ fetch, attempts: 3, retryDelayMs: 250 });
 * await modelInfo({ name: "google/mobilenet_v1_1.0_224", fetch: hub.fetch });
 */
export function createHubFetch(params: {
  fetch: typeof fetch;
  /** Requests per call, the first included. */
  attempts: number;
  /** First wait between attempts in ms; doubles each retry. */
  retryDelayMs: number;
}): HubFetch {
  const codes = new Map<string, string>();
  let failure: FetchFailure | undefined;

  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let lastStatus: number | undefined;
    let lastCause: unknown;
    for (let attempt = 1; attempt <= params.attempts; attempt++) {
      if (attempt > 1) await sleep(Math.min(params.retryDelayMs * 2 ** (attempt - 2), MAX_RETRY_DELAY_MS));
      let response: Response;
      try {
        response = await params.fetch(input, init);
      } catch (error) {
        if (isAbort(error)) throw error;
        lastStatus = undefined;
        lastCause = error;
        continue;
      }
      const code = response.headers.get("X-Error-Code");
      if (code) codes.set(response.url || String(input), code);
      if (response.status >= 500 || response.status === 429) {
        lastStatus = response.status;
        lastCause = undefined;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      return response;
    }
    failure = { attempts: params.attempts, statusCode: lastStatus, cause: lastCause };
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
