import { NetworkTimeoutError } from "../errors/errors.js";

/** Default connect and read timeouts, as huggingface_hub's `HF_HUB_ETAG_TIMEOUT` / `HF_HUB_DOWNLOAD_TIMEOUT`. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Default idle-read timeout: the longest wait for the next chunk of a response body. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

/**
 * `fetch` with two timeouts, so a server that accepts the connection and never answers, or a body that
 * stalls, cannot hang the caller: `connectTimeoutMs` bounds the wait for the response headers and
 * `readTimeoutMs` the wait for each next body chunk (an idle timeout, so a slow but steady download of a
 * large file is fine). Either ends in a {@link NetworkTimeoutError} naming the redacted URL and the timeout;
 * the request is aborted. An abort through `init.signal` is passed through untouched.
 *
 * The returned Response keeps the original's `url`, status and headers.
 *
 * @example
 * const res = await fetchWithTimeouts({ url: "https://huggingface.co/api/models/google/mobilenet_v1_1.0_224" });
 * res.status // 200
 */
export async function fetchWithTimeouts(params: {
  url: string | URL;
  init?: RequestInit;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default DEFAULT_CONNECT_TIMEOUT_MS (10 s) */
  connectTimeoutMs?: number;
  /** @default DEFAULT_READ_TIMEOUT_MS (10 s) */
  readTimeoutMs?: number;
}): Promise<Response> {
  const fetchImpl = params.fetch ?? globalThis.fetch;
  const url = String(params.url);
  const connectTimeoutMs = params.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const readTimeoutMs = params.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const controller = new AbortController();
  const outer = params.init?.signal;
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener("abort", () => controller.abort(outer.reason), { once: true });
  }
  let timedOut: NetworkTimeoutError | undefined;
  const timeout = (phase: "connect" | "read", timeoutMs: number) =>
    setTimeout(() => {
      timedOut = new NetworkTimeoutError({ url, phase, timeoutMs });
      controller.abort(timedOut);
    }, timeoutMs);

  const { target, init } = moveCredentialsToHeader(url, params.init);
  const connectTimer = timeout("connect", connectTimeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(target, { ...init, signal: controller.signal });
  } catch (error) {
    throw timedOut ?? error;
  } finally {
    clearTimeout(connectTimer);
  }
  if (!response.body) return response;

  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      const readTimer = timeout("read", readTimeoutMs);
      try {
        const { done, value } = await reader.read();
        if (done) stream.close();
        else stream.enqueue(value);
      } catch (error) {
        stream.error(timedOut ?? error);
      } finally {
        clearTimeout(readTimer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const wrapped = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A Response built in JS has an empty `url`; callers use it to name the final (redirected) location.
  Object.defineProperty(wrapped, "url", { value: response.url });
  Object.defineProperty(wrapped, "redirected", { value: response.redirected });
  return wrapped;
}

/**
 * `fetch` refuses URLs with `user:password@` (and its error quotes them). Like curl and Python's requests,
 * send them as HTTP Basic auth instead, unless the caller set its own Authorization header; the URL that
 * goes on the wire, and into any runtime error message, then carries no secret.
 */
function moveCredentialsToHeader(
  url: string,
  init: RequestInit | undefined,
): { target: string; init: RequestInit | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { target: url, init };
  }
  if (!parsed.username && !parsed.password) return { target: url, init };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = "";
  parsed.password = "";
  const headers = new Headers(init?.headers);
  if (!headers.has("authorization")) {
    const basic = btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)));
    headers.set("authorization", `Basic ${basic}`);
  }
  return { target: parsed.toString(), init: { ...init, headers } };
}

/**
 * Reads a response body into memory, refusing to go past `maxBytes`: a `Content-Length` above the cap is
 * refused before any byte is read, and a body that keeps coming (chunked, or lying about its length) is
 * cancelled as soon as it passes the cap. `tooLarge` makes the caller's typed error.
 *
 * @example
 * await readBodyCapped({ response: new Response("abc"), maxBytes: 10, tooLarge: () => new Error("big") })
 * // Uint8Array(3) [97, 98, 99]
 */
export async function readBodyCapped(params: {
  response: Response;
  maxBytes: number;
  /** Builds the error to throw; `seen` is the declared length or the bytes read so far. */
  tooLarge: (seen: number) => Error;
}): Promise<Uint8Array> {
  const { response, maxBytes } = params;
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw params.tooLarge(declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw params.tooLarge(total);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
