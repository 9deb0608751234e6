import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
};

/** A running {@link startStaticServer}. */
export interface StaticServer {
  readonly url: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  /** Stops listening and drops open connections, so a test can take the pages "offline". */
  close(): Promise<void>;
}

/**
 * A static file server on 127.0.0.1 (random port) for the browser tests, as a static host would serve a
 * built app. Every response carries COOP `same-origin` + COEP `require-corp` (unless
 * `crossOriginIsolation: false`, a host that cannot send them), so the page is cross-origin isolated and
 * wasm threads can run, and `Cache-Control: no-cache`. `routes` maps a URL prefix ending in
 * `/` to a folder (a path ending in `/` serves its `index.html`; no `../` escapes) and any other path to
 * one file.
 *
 * @example
 * const server = await startStaticServer({ routes: { "/": "./dist/", "/fixtures/cats.png": "../cats.png" } });
 * server.url // "http://127.0.0.1:41327"
 */
export async function startStaticServer(params: {
  routes: Record<string, string>;
  /** Send COOP/COEP. @default true */
  crossOriginIsolation?: boolean;
}): Promise<StaticServer> {
  const isolation = params.crossOriginIsolation ?? true;
  // Longest prefix first, so "/fixtures/model/" wins over "/".
  const routes = Object.entries(params.routes).sort((a, b) => b[0].length - a[0].length);
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    if (isolation) {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    const file = routeFile(routes, path);
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !info?.isFile()) {
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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The file `path` maps to, or undefined (no route, or a `../` escape out of a folder route). */
function routeFile(routes: [string, string][], path: string): string | undefined {
  const route = routes.find(([prefix]) => (prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix));
  if (!route) return undefined;
  const [prefix, target] = route;
  if (!prefix.endsWith("/")) return target;
  const root = normalize(target + sep);
  const rest = path.slice(prefix.length);
  const file = join(root, normalize(rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest));
  return file.startsWith(root) ? file : undefined;
}
