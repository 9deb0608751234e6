import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { Plugin } from "vite";

/** Content types of what the build emits (a wrong one for .wasm would stop streaming compilation). */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Encodings the build emits beside large files, best first, with their file suffix. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** Vite's hashed output names ("assets/index-B2xQ9c1_.js"): their content never changes under that name. */
const HASHED = /^\/assets\/.+-[\w-]{8,}\.\w+$/;

/**
 * Makes `vite preview` serve the build as a static host should (deploy/nginx.conf and deploy/_headers say
 * the same for real hosts): the precompressed `.br`/`.gz` sibling the client accepts, with
 * `Content-Encoding`, the original's `Content-Type` and `Vary: Accept-Encoding`; `Cache-Control`
 * immutable for a year on hashed assets and `no-cache` (revalidate, `ETag` → 304) on the rest; and
 * `headers` (the COOP/COEP pair) on every response. Paths never leave the output folder.
 */
export function precompressedPreviewPlugin(params: { headers: Record<string, string> }): Plugin {
  return {
    name: "mobilenetv1-precompressed-preview",
    configurePreviewServer(server) {
      const root = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        servePrecompressed({ root, req, res, headers: params.headers }).then(
          (served) => served || next(),
          (error: unknown) => next(error),
        );
      });
    },
  };
}

/**
 * Answers one request from `root` as {@link precompressedPreviewPlugin} describes; `false` when `root` has
 * no such file (the next middleware answers).
 */
export async function servePrecompressed(params: {
  root: string;
  req: IncomingMessage;
  res: ServerResponse;
  headers: Record<string, string>;
}): Promise<boolean> {
  const { root, req, res } = params;
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  } catch {
    return false;
  }
  if (path.endsWith("/")) path += "index.html";
  const base = normalize(root + sep);
  const file = join(base, normalize(path));
  if (!file.startsWith(base)) return false;
  const original = await stat(file).catch(() => undefined);
  if (!original?.isFile()) return false;
  const accepted = String(req.headers["accept-encoding"] ?? "");
  let served = {
    file,
    size: original.size,
    mtimeMs: original.mtimeMs,
    encoding: undefined as string | undefined,
  };
  for (const { name, suffix } of ENCODINGS) {
    if (!new RegExp(`\\b${name}\\b`).test(accepted)) continue;
    const info = await stat(file + suffix).catch(() => undefined);
    if (info?.isFile()) {
      served = { file: file + suffix, size: info.size, mtimeMs: info.mtimeMs, encoding: name };
      break;
    }
  }
  for (const [name, value] of Object.entries(params.headers)) res.setHeader(name, value);
  res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("Cache-Control", HASHED.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
  const etag = `W/"${served.size.toString(16)}-${Math.floor(served.mtimeMs).toString(16)}${served.encoding ?? ""}"`;
  res.setHeader("ETag", etag);
  if (served.encoding) res.setHeader("Content-Encoding", served.encoding);
  if (req.headers["if-none-match"] === etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  res.setHeader("Content-Length", served.size);
  res.statusCode = 200;
  if (req.method === "HEAD") res.end();
  else createReadStream(served.file).pipe(res);
  return true;
}
