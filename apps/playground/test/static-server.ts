import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".json": "application/json",
};

/**
 * Serves a built app folder on 127.0.0.1 (random port) as a static host would, with the COOP/COEP
 * headers that make the page cross-origin isolated (wasm threads). `close()` drops open connections, so
 * a test can take the app "offline".
 *
 * @example
 * const app = await serveFolder({ dir: "apps/playground/dist" });
 * app.url // "http://127.0.0.1:40123"
 */
export async function serveFolder(params: { dir: string }): Promise<{ url: string; close(): Promise<void> }> {
  const root = normalize(params.dir + sep);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = join(root, normalize(path.endsWith("/") ? `${path}index.html` : path));
    const info = file.startsWith(root) ? await stat(file).catch(() => undefined) : undefined;
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    if (!info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": info.size,
      "Cache-Control": "no-cache",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
