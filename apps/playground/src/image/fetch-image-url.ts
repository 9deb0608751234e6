import { NetworkTimeoutError } from "@mobilenetv1/core";
import { fetchWithTimeouts, readBodyCapped, redactUrl } from "@mobilenetv1/core/net";
import {
  DEFAULT_IMAGE_TIMEOUT_MS,
  DEFAULT_MAX_IMAGE_BYTES,
  ImageSourceError,
} from "@mobilenetv1/image-processor";

/** How a URL is named in errors: redacted (no `user:pw@`, no query), a `data:` URL cut to its start. */
const shown = (url: string) => (/^data:/i.test(url) ? `${url.slice(0, 40)}…` : redactUrl(url));

/**
 * Checks an image URL before anything is fetched: it must be absolute `http:` or `https:` (or a
 * `data:image/…` URL, which a pasted image link can be). A relative URL would fetch this page's own
 * files (index.html answers for any path on many hosts) and a `file:` or `javascript:` URL is not a
 * download, so both are an {@link ImageSourceError} with `reason: "invalid-url"`.
 *
 * @example
 * checkImageUrl({ url: "https://example.com/cat.jpg" }).href // "https://example.com/cat.jpg"
 * checkImageUrl({ url: "cat.jpg" }) // throws ImageSourceError: cat.jpg: not an absolute http(s) URL …
 */
export function checkImageUrl(params: { url: string }): URL {
  const { url } = params;
  const invalid = (why: string) =>
    new ImageSourceError({
      source: shown(url),
      reason: "invalid-url",
      message: `${why}: expected an absolute http:// or https:// URL, such as https://example.com/cat.jpg`,
    });
  // URL.canParse without a base is false for relative URLs ("cat.jpg", "/img/cat.jpg", "//host/x").
  if (!URL.canParse(url)) throw invalid("not an absolute URL");
  const parsed = new URL(url);
  if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "data:" && /^data:image\//i.test(url)) return parsed;
  throw invalid(`a ${parsed.protocol} URL is not a download`);
}

/**
 * Whether a response's `Content-Type` may hold an image: `image/*`, no type at all, or
 * `application/octet-stream` (what object stores answer for files uploaded without a type; the decoder
 * then judges the bytes). Anything else (`text/html`, `application/json`…) is a page or an API
 * answer, not an image.
 *
 * @example
 * mayBeImage("image/jpeg") // true
 * mayBeImage("text/html; charset=utf-8") // false
 */
export function mayBeImage(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "" || type === "application/octet-stream" || type.startsWith("image/");
}

/**
 * Downloads an image by URL for the page: the URL checked first ({@link checkImageUrl}), the answer's
 * type checked before its body is read ({@link mayBeImage}), the body capped at `maxBytes` and the
 * waits bounded (connect, then each chunk). Every failure is an {@link ImageSourceError}: `"invalid-url"`,
 * `"not-an-image"` (with `contentType`), `"http-status"` (with `status`), `"timeout"`, `"too-large"`, or
 * `"unreadable"` (network, CORS).
 *
 * @example
 * const blob = await fetchImageUrl({ url: "https://example.com/cat.jpg" });
 * blob.type // "image/jpeg"
 */
export async function fetchImageUrl(params: {
  url: string;
  /** @default DEFAULT_MAX_IMAGE_BYTES (256 MiB) */
  maxBytes?: number;
  /** @default DEFAULT_IMAGE_TIMEOUT_MS (10 s), for the headers and for each chunk of the body */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default navigator.onLine: names "you are offline" as the reason a download failed */
  online?: boolean;
}): Promise<Blob> {
  const url = checkImageUrl({ url: params.url }).href;
  const source = shown(url);
  const maxBytes = params.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const timeoutMs = params.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS;
  const timedOut = (cause: NetworkTimeoutError) =>
    new ImageSourceError({
      source,
      reason: "timeout",
      limit: cause.timeoutMs,
      message: `download timed out: no ${cause.phase === "connect" ? "response" : "data"} for ${cause.timeoutMs} ms`,
      cause,
    });
  let response: Response;
  try {
    response = await fetchWithTimeouts({
      url,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      ...(params.fetch ? { fetch: params.fetch } : {}),
    });
  } catch (cause) {
    if (cause instanceof NetworkTimeoutError) throw timedOut(cause);
    const online = params.online ?? (typeof navigator === "undefined" || navigator.onLine);
    throw new ImageSourceError({
      source,
      message: online
        ? "could not download: the server is unreachable or does not let other sites read its images (CORS)"
        : "could not download: you are offline",
      cause,
    });
  }
  const contentType = response.headers.get("content-type");
  if (!response.ok || !mayBeImage(contentType)) {
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) {
      throw new ImageSourceError({
        source,
        status: response.status,
        message: `download failed: HTTP ${response.status}`,
      });
    }
    throw new ImageSourceError({
      source,
      reason: "not-an-image",
      contentType: contentType!,
      message: `the server answered with Content-Type ${JSON.stringify(contentType)}: expected an image (image/*)`,
    });
  }
  try {
    const bytes = await readBodyCapped({
      response,
      maxBytes,
      tooLarge: (seen) =>
        new ImageSourceError({
          source,
          reason: "too-large",
          limit: maxBytes,
          message: `body is ${seen} bytes or more, above the limit of ${maxBytes}`,
        }),
    });
    // readBodyCapped fills a fresh ArrayBuffer (never a SharedArrayBuffer), which is what Blob takes.
    return new Blob([bytes as Uint8Array<ArrayBuffer>], contentType ? { type: contentType } : {});
  } catch (cause) {
    if (cause instanceof ImageSourceError) throw cause;
    if (cause instanceof NetworkTimeoutError) throw timedOut(cause);
    throw new ImageSourceError({ source, message: "the download broke off", cause });
  }
}
