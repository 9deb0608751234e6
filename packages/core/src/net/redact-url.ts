/**
 * A URL fit for an error message, a log line or a file: no `user:password@` and no query string (CDN links
 * and some mirrors carry signatures or tokens there). Anything that does not parse as a URL loses its
 * `user:password@`-looking prefix and its query too, so a malformed endpoint setting cannot leak either.
 *
 * @example
 * redactUrl("https://user:secret@cdn.example/x?X-Amz-Signature=abc") // "https://cdn.example/x"
 */
export function redactUrl(url: string): string {
  // Credentials go first, textually: some strings parse as URLs of an odd scheme ("user:pw@host/x" is
  // scheme "user:"), and a string that does not parse must not leak either.
  const noCredentials = url.replace(/(^|:\/\/|\s)[^\s/@?#]+@/g, "$1");
  try {
    const u = new URL(noCredentials);
    u.username = "";
    u.password = "";
    u.search = "";
    return u.toString();
  } catch {
    return noCredentials.split("?")[0] ?? noCredentials;
  }
}

/**
 * Replaces every `user:password@` of a URL found inside free text (an error message from a runtime, say)
 * with nothing, and drops the query strings of those URLs, so a message that quotes a URL cannot leak them.
 *
 * @example
 * redactUrlsIn("connect ECONNREFUSED http://u:p@host:1/x?t=1") // "connect ECONNREFUSED http://host:1/x"
 */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (match) => redactUrl(match));
}
