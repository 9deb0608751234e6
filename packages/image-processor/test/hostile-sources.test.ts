/**
 * Image sources that never end, never answer or are not files end in a typed ImageSourceError, fast, with
 * no credentials in it: files are opened non-blocking and fstat'ed (regular files only, size capped),
 * downloads have connect and idle timeouts and a byte cap.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ImageDecodeError, ImageSourceError, loadImage, MobileNetV1ImageProcessor } from "../src/index.js";
import { inputPath } from "./support/fixtures.js";

const png = readFileSync(inputPath("cats-128x96.png"));
const dir = mkdtempSync(join(tmpdir(), "mnv1-hostile-"));

async function sourceError(promise: Promise<unknown>): Promise<ImageSourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageSourceError);
  expect((error as ImageSourceError).code).toBe("IMAGE_SOURCE");
  return error as ImageSourceError;
}

describe("files: only regular files, size checked before reading", () => {
  let socketServer: NetServer;
  const fifo = join(dir, "x.png");
  const socketPath = join(dir, "s.png");
  beforeAll(async () => {
    execFileSync("mkfifo", [fifo]); // no writer will ever open it
    symlinkSync("/dev/zero", join(dir, "zero.png"));
    socketServer = createNetServer();
    await new Promise<void>((r) => socketServer.listen(socketPath, r));
  });
  afterAll(() => new Promise<void>((r) => socketServer.close(() => r())));

  test.each([
    ["a FIFO named x.png", () => fifo, /a FIFO/],
    ["/dev/zero", () => "/dev/zero", /a character device/],
    ["a symlink to /dev/zero", () => join(dir, "zero.png"), /a character device/],
    ["a directory", () => dir, /a directory/],
    ["a socket", () => socketPath, /a socket/],
    ["a file: URL of a FIFO", () => `file://${fifo}`, /a FIFO/],
  ])("%s → not-a-file, named", async (_, path, kind) => {
    const error = await sourceError(loadImage({ input: path() }));
    expect(error.reason).toBe("not-a-file");
    expect(error.message).toMatch(kind);
    expect(error.message).toContain("expected a regular image file");
  });

  test("a file above a lowered cap → too-large, with the cap; at the cap it decodes", async () => {
    const file = join(dir, "cat.png");
    writeFileSync(file, png);
    const error = await sourceError(loadImage({ input: file, options: { maxImageBytes: png.length - 1 } }));
    expect([error.reason, error.limit]).toEqual(["too-large", png.length - 1]);
    expect(error.message).toContain(`${png.length} bytes`);
    await expect(loadImage({ input: file, options: { maxImageBytes: png.length } })).resolves.toMatchObject({
      width: 128,
    });
  });

  test("a Blob above the cap is refused before reading", async () => {
    const error = await sourceError(loadImage({ input: new Blob([png]), options: { maxImageBytes: 100 } }));
    expect(error.reason).toBe("too-large");
  });

  test("a missing file → not-found", async () => {
    expect((await sourceError(loadImage({ input: join(dir, "nope.png") }))).reason).toBe("not-found");
  });
});

describe("downloads: timeouts, byte cap, redacted URL", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith("/silent")) return; // accepts the connection, never answers
      if (req.url?.startsWith("/stall")) {
        res.writeHead(200, { "content-type": "image/png" });
        res.write(png.subarray(0, 100)); // then nothing, forever
        return;
      }
      if (req.url?.startsWith("/endless")) {
        res.writeHead(200, { "content-type": "image/png" });
        const chunk = new Uint8Array(64 * 1024);
        const pump = () => {
          while (res.write(chunk)) {}
          res.once("drain", pump);
        };
        pump();
        req.on("close", () => res.destroy());
        return;
      }
      if (req.url?.startsWith("/huge-length")) {
        res.writeHead(200, { "content-length": String(png.length), "content-type": "image/png" });
        res.end(png);
        return;
      }
      if (req.url?.startsWith("/missing")) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "image/png" });
      res.end(png);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const url = (path: string) => `http://user:hunter2@127.0.0.1:${port}${path}?token=s3cret`;
  const expectRedacted = (error: ImageSourceError, path: string) => {
    expect(error.source).toBe(`http://127.0.0.1:${port}${path}`);
    for (const secret of ["hunter2", "s3cret", "user:"]) {
      expect(error.message).not.toContain(secret);
      expect(error.source).not.toContain(secret);
    }
  };

  test("a server that accepts and never answers → timeout (connect)", async () => {
    const error = await sourceError(loadImage({ input: url("/silent"), options: { connectTimeoutMs: 150 } }));
    expect([error.reason, error.limit]).toEqual(["timeout", 150]);
    expect(error.message).toMatch(/no response for 150 ms/);
    expectRedacted(error, "/silent");
  });

  test("a body that stalls → timeout (idle read)", async () => {
    const error = await sourceError(loadImage({ input: url("/stall"), options: { readTimeoutMs: 150 } }));
    expect([error.reason, error.limit]).toEqual(["timeout", 150]);
    expect(error.message).toMatch(/no data for 150 ms/);
    expectRedacted(error, "/stall");
  });

  test("a body that never ends → too-large at the cap", async () => {
    const error = await sourceError(
      loadImage({ input: url("/endless"), options: { maxImageBytes: 1_000_000 } }),
    );
    expect([error.reason, error.limit]).toEqual(["too-large", 1_000_000]);
    expectRedacted(error, "/endless");
  });

  test("a Content-Length above the cap → too-large before reading", async () => {
    const error = await sourceError(
      loadImage({ input: url("/huge-length"), options: { maxImageBytes: png.length - 1 } }),
    );
    expect(error.reason).toBe("too-large");
    expect(error.message).toContain(`${png.length} bytes`);
  });

  test("an HTTP error → http-status, redacted", async () => {
    const error = await sourceError(loadImage({ input: url("/missing") }));
    expect([error.reason, error.status]).toEqual(["http-status", 404]);
    expectRedacted(error, "/missing");
  });

  test("a refused connection → ImageSourceError, redacted", async () => {
    const closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await sourceError(
      loadImage({ input: `http://u:hunter2@127.0.0.1:${closedPort}/a?token=s3cret` }),
    );
    expect(error.message).not.toMatch(/hunter2|s3cret/);
  });

  test("an undecodable download names the redacted URL too", async () => {
    const fetch = (async () => new Response("not an image")) as unknown as typeof globalThis.fetch;
    const error = await loadImage({ input: url("/text"), options: { fetch } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as ImageDecodeError).source).toBe(`http://127.0.0.1:${port}/text`);
    expect((error as Error).message).not.toMatch(/hunter2|s3cret/);
  });

  test("a well-behaved server within the limits decodes, through preprocess options", async () => {
    const { pixelValues } = await new MobileNetV1ImageProcessor().preprocess(url("/ok"), {
      decode: { maxImageBytes: png.length, connectTimeoutMs: 2000, readTimeoutMs: 2000 },
    });
    expect(pixelValues.dims).toEqual([1, 3, 224, 224]);
  });
});
