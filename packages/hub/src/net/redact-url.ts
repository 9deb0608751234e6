/**
 * A URL fit for an error message: no query string (CDN links carry signatures) and no user:password.
 *
 * @example
 * redactUrl("https://cdn.example/x?X-Amz-Signature=abc") // "https://cdn.example/x"
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    return u.toString();
  } catch {
    return url.split("?")[0] ?? url;
  }
}
