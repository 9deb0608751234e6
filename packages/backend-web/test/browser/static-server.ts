import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
};

/**
 * A static file server on 127.0.0.1 (random port) for the browser test. Every response carries COOP
 * `same-origin` + COEP `require-corp`, so the page is cross-origin isolated and wasm threads can run.
 * `routes` maps a URL prefix to a folder or (for a prefix without a trailing `/`) a single file.
 *
 * @example
 * const server = await startStaticServer({ routes: { "/": "./dist/", "/fixtures/cats.png": "../cats.png" } });
 * server.url // "http://127.0.0.1:41327"
 */
export async function startStaticServer(params: {
  routes: Record<string, string>;
}): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  // Longest prefix first, so "/fixtures/model/" wins over "/".
  const routes = Object.entries(params.routes).sort((a, b) => b[0].length - a[0].length);
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    const route = routes.find(([prefix]) =>
      prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix,
    );
    let file =
      route &&
      (route[0].endsWith("/")
        ? join(route[1], normalize(path.slice(route[0].length) || "index.html"))
        : route[1]);
    if (file && route?.[0].endsWith("/") && !file.startsWith(route[1])) file = undefined; // no ../ escapes
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !info?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": info.size,
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
