import { NetworkTimeoutError } from "@mobilenetv1/core";
import { fetchWithTimeouts, readBodyCapped, redactUrl } from "@mobilenetv1/core/net";
import { ImageSourceError } from "../errors/image-errors.js";
import type { ImageReadLimits } from "./image-read-limits.js";

/**
 * Downloads `url` (http, https, data, blob) into memory, bounded: the response headers must arrive
 * within `connectTimeoutMs`, each next body chunk within `readTimeoutMs`, and the body may not exceed
 * `maxImageBytes` (a larger `Content-Length` is refused before reading). Every failure is an
 * {@link ImageSourceError} whose `source` and message carry the redacted URL (no `user:pw@`, no query).
 *
 * @example
 * await fetchBytes({ url: "data:image/png;base64,iVBORw0KGgo=", limits }) // Uint8Array(8) [137, 80, 78, 71, ...]
 */
export async function fetchBytes(params: {
  url: string;
  limits: ImageReadLimits;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}): Promise<Uint8Array> {
  const { url, limits } = params;
  const source = describeUrl(url);
  const timeout = (cause: NetworkTimeoutError) =>
    new ImageSourceError({
      source,
      reason: "timeout",
      limit: cause.timeoutMs,
      message: `download timed out: no ${cause.phase === "connect" ? "response" : "data"} for ${cause.timeoutMs} ms (decode.${cause.phase}TimeoutMs or MOBILENET_IMAGE_TIMEOUT)`,
      cause,
    });
  let response: Response;
  try {
    response = await fetchWithTimeouts({
      url,
      connectTimeoutMs: limits.connectTimeoutMs,
      readTimeoutMs: limits.readTimeoutMs,
      ...(params.fetch ? { fetch: params.fetch } : {}),
    });
  } catch (cause) {
    if (cause instanceof NetworkTimeoutError) throw timeout(cause);
    throw new ImageSourceError({
      source,
      message: `download failed: ${redactUrl(messageOf(cause))}`,
      cause,
    });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ImageSourceError({
      source,
      message: `download failed: HTTP ${response.status}`,
      status: response.status,
    });
  }
  try {
    return await readBodyCapped({
      response,
      maxBytes: limits.maxImageBytes,
      tooLarge: (seen) =>
        new ImageSourceError({
          source,
          reason: "too-large",
          limit: limits.maxImageBytes,
          message: `body is ${seen} bytes or more, above the limit of ${limits.maxImageBytes} (decode.maxImageBytes or MOBILENET_MAX_IMAGE_BYTES)`,
        }),
    });
  } catch (cause) {
    if (cause instanceof ImageSourceError) throw cause;
    if (cause instanceof NetworkTimeoutError) throw timeout(cause);
    throw new ImageSourceError({ source, message: `download failed: ${redactUrl(messageOf(cause))}`, cause });
  }
}

/** The URL as errors show it: redacted, and a `data:` URL shortened to its start. */
function describeUrl(url: string): string {
  return /^data:/i.test(url) ? `${url.slice(0, 40)}…` : redactUrl(url);
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND...) in `cause`.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
