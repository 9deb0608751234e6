import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MobileNetError, NetworkTimeoutError } from "../errors/errors.js";
import { fetchWithTimeouts, readBodyCapped } from "./fetch-with-timeouts.js";
import { redactUrl, redactUrlsIn } from "./redact-url.js";

// A server with one route per way of misbehaving.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith("/silent")) return; // accepts, never answers
    if (req.url === "/stall") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(new Uint8Array(1000)); // then nothing, forever
      return;
    }
    if (req.url === "/endless") {
      res.writeHead(200);
      const chunk = new Uint8Array(64 * 1024);
      const pump = () => {
        while (res.write(chunk)) {}
        res.once("drain", pump);
      };
      pump();
      req.on("close", () => res.destroy());
      return;
    }
    if (req.url === "/lying-length") {
      res.writeHead(200, { "content-length": String(1e12) });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(req.url === "/auth" ? String(req.headers.authorization) : "hello");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("fetchWithTimeouts", () => {
  it("passes a normal response through with its url and status", async () => {
    const res = await fetchWithTimeouts({ url: `${base}/ok` });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/ok`);
    expect(await res.text()).toBe("hello");
  });

  it("gives up on a server that never answers with a connect-phase NetworkTimeoutError", async () => {
    const err = await fetchWithTimeouts({
      url: `http://user:secret@127.0.0.1:${new URL(base).port}/silent?token=abc`,
      connectTimeoutMs: 150,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkTimeoutError);
    expect(err).toBeInstanceOf(MobileNetError);
    const e = err as NetworkTimeoutError;
    expect(e.phase).toBe("connect");
    expect(e.timeoutMs).toBe(150);
    expect(e.url).toBe(`${base}/silent`);
    expect(e.message).not.toContain("secret");
    expect(e.message).not.toContain("token");
    expect(e.message).toContain("150 ms");
  });

  it("gives up on a body that stalls mid-way with a read-phase NetworkTimeoutError", async () => {
    const res = await fetchWithTimeouts({ url: `${base}/stall`, readTimeoutMs: 150 });
    const err = await res.arrayBuffer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkTimeoutError);
    expect((err as NetworkTimeoutError).phase).toBe("read");
  });

  it("sends URL credentials as Basic auth, never in the URL on the wire", async () => {
    const res = await fetchWithTimeouts({ url: `http://user:p%40ss@127.0.0.1:${new URL(base).port}/auth` });
    expect(await res.text()).toBe(`Basic ${Buffer.from("user:p@ss").toString("base64")}`);
    expect(res.url).toBe(`${base}/auth`);
  });

  it("lets the caller's own abort through as an abort, not a timeout", async () => {
    const controller = new AbortController();
    const pending = fetchWithTimeouts({ url: `${base}/silent`, init: { signal: controller.signal } });
    controller.abort();
    const err = await pending.catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(NetworkTimeoutError);
    expect((err as Error).name).toBe("AbortError");
  });
});

describe("readBodyCapped", () => {
  const tooLarge = (seen: number) => new RangeError(`too large: ${seen}`);

  it("stops an endless body once it passes the cap", async () => {
    const res = await fetchWithTimeouts({ url: `${base}/endless` });
    await expect(readBodyCapped({ response: res, maxBytes: 1_000_000, tooLarge })).rejects.toThrow(
      /too large: 10[0-9]{5}/,
    );
  });

  it("refuses a declared Content-Length above the cap before reading", async () => {
    const res = await fetchWithTimeouts({ url: `${base}/lying-length` });
    await expect(readBodyCapped({ response: res, maxBytes: 10, tooLarge })).rejects.toThrow(
      "too large: 1000000000000",
    );
  });

  it("returns the bytes of a body under the cap", async () => {
    const bytes = await readBodyCapped({ response: new Response("abc"), maxBytes: 3, tooLarge });
    expect([...bytes]).toEqual([97, 98, 99]);
  });
});

describe("redactUrl", () => {
  it.each([
    ["https://user:pw@host.example/a?sig=1", "https://host.example/a"],
    ["http://:pw@host/x", "http://host/x"],
    ["not a url user:pw@host/x?q", "not a url host/x"],
    ["user:pw@host/x", "host/x"],
  ])("%s → %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it("redacts every URL inside free text", () => {
    expect(redactUrlsIn("fetch failed for http://u:p@h:1/x?t=1 and https://a:b@c/d")).toBe(
      "fetch failed for http://h:1/x and https://c/d",
    );
  });
});
