import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { servePrecompressed } from "../vite-plugins/precompressed-preview-plugin.js";

const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};
let work: string;
let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "precompressed-"));
  root = join(work, "dist");
  await mkdir(join(root, "assets"), { recursive: true });
  await writeFile(join(work, "secret.txt"), "outside the served folder");
  await writeFile(join(root, "index.html"), "<!doctype html>");
  await writeFile(join(root, "assets/ort-wasm-simd-threaded-DcHrbrbl.wasm"), "wasm-identity");
  await writeFile(join(root, "assets/ort-wasm-simd-threaded-DcHrbrbl.wasm.br"), "br!");
  await writeFile(join(root, "assets/ort-wasm-simd-threaded-DcHrbrbl.wasm.gz"), "gzip!");
  await writeFile(join(root, "assets/index-BJyRWy7U.js.gz"), "gz only");
  await writeFile(join(root, "assets/index-BJyRWy7U.js"), "js");
  server = createServer((req, res) => {
    servePrecompressed({ root, req, res, headers: ISOLATION }).then((served) => {
      if (!served) res.writeHead(404).end("next");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(work, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide Content-Encoding's effect). */
async function get(path: string, headers: Record<string, string> = {}) {
  const { request } = await import("node:http");
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const WASM = "/assets/ort-wasm-simd-threaded-DcHrbrbl.wasm";

it("sends the .br copy to a client that accepts br, with the original's type, Vary, COOP/COEP and a year of cache", async () => {
  const r = await get(WASM, { "accept-encoding": "gzip, deflate, br, zstd" });
  expect(r.status).toBe(200);
  expect(r.body).toBe("br!");
  expect(r.headers["content-encoding"]).toBe("br");
  expect(r.headers["content-type"]).toBe("application/wasm");
  expect(r.headers["content-length"]).toBe("3");
  expect(r.headers.vary).toBe("Accept-Encoding");
  expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(r.headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(r.headers["cross-origin-embedder-policy"]).toBe("require-corp");
});

it("falls back to .gz, then to the file itself, as the client's Accept-Encoding and the copies allow", async () => {
  expect((await get(WASM, { "accept-encoding": "gzip, deflate" })).body).toBe("gzip!");
  const plain = await get(WASM);
  expect(plain.body).toBe("wasm-identity");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  const js = await get("/assets/index-BJyRWy7U.js", { "accept-encoding": "br, gzip" });
  expect([js.body, js.headers["content-encoding"], js.headers["content-type"]]).toEqual([
    "gz only",
    "gzip",
    "text/javascript; charset=utf-8",
  ]);
});

it("revalidates the page (no-cache, ETag → 304) and leaves unknown or escaping paths to the next middleware", async () => {
  const page = await get("/", { "accept-encoding": "br" });
  expect([page.status, page.body, page.headers["cache-control"]]).toEqual([
    200,
    "<!doctype html>",
    "no-cache",
  ]);
  const etag = String(page.headers.etag);
  expect((await get("/", { "if-none-match": etag })).status).toBe(304);
  expect((await get("/missing.js")).body).toBe("next");
  expect((await get("/../secret.txt")).body).toBe("next");
  expect((await get("/assets/%2e%2e/%2e%2e/secret.txt")).body).toBe("next");
  expect((await get("/assets/..%2f..%2fsecret.txt")).body).toBe("next");
});
