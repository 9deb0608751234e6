import { redactUrlsIn } from "@mobilenetv1/core/net";

/**
 * Makes an error fit to be the `cause` of one of ours: its message, and its own string fields (`url` of
 * @huggingface/hub's HubApiError, say), lose any URL's `user:password@` and query string, down the
 * whole cause chain. The error is changed in place (it is ours to keep from then on) and returned; a
 * non-Error cause becomes an Error carrying its redacted text.
 *
 * @example
 * String(redactCause(new Error("GET http://u:pw@host/x?sig=1 failed"))) // "Error: GET http://host/x failed"
 */
export function redactCause(cause: unknown, depth = 0): unknown {
  if (cause === undefined || cause === null) return undefined;
  if (!(cause instanceof Error)) return new Error(redactUrlsIn(String(cause)));
  if (depth > 8) return undefined;
  const fields = cause as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(cause)) {
    const value = fields[key];
    if (typeof value !== "string") continue;
    try {
      fields[key] = redactUrlsIn(value);
    } catch {
      // A read-only field (an internal error's): its value cannot be replaced; it stays as is.
    }
  }
  if (cause.cause !== undefined) {
    try {
      (cause as { cause?: unknown }).cause = redactCause(cause.cause, depth + 1);
    } catch {
      // As above: read-only.
    }
  }
  return cause;
}
