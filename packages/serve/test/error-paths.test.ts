// Every error path answers its status and a JSON body `{ error, code }`, never a 500 for a client's
// mistake; back-pressure, timeouts and graceful shutdown, on a scriptable fake model.
import { readFileSync } from "node:fs";
import path from "node:path";
import { InferenceClient } from "@huggingface/inference";
import { afterEach, describe, expect, it } from "vitest";
import type { ServeHandle } from "../src/index.js";
import { fakeModel, metric, start, until } from "./serve-fixtures.js";

const PNG = readFileSync(path.resolve(import.meta.dirname, "../../../samples/chelsea.png"));
const started: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function serve(options: Omit<Parameters<typeof start>[0], "model" | "processor">, fake = fakeModel()) {
  const s = await start({ ...fake, modelName: "m", ...options });
  started.push(s.server);
  return { ...s, fake };
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return {
    status: response.status,
    body: JSON.parse(text) as { error: string; code: string },
    headers: response.headers,
  };
}
const post = (url: string, body: BodyInit, type?: string) =>
  call(url, { method: "POST", body, ...(type ? { headers: { "content-type": type } } : {}) });
const v2 = (inputs: unknown[]) => JSON.stringify({ inputs });

describe("error paths", () => {
  it("answers each client mistake with its status, code and a message naming the problem", async () => {
    const { url } = await serve({ limits: { maxBodyBytes: PNG.length + 1000, maxImagePixels: 100_000 } });
    const cases: [Promise<Awaited<ReturnType<typeof call>>>, number, string, RegExp][] = [
      [post(`${url}/`, "hello", "text/plain"), 415, "SERVE_MEDIA_TYPE", /text\/plain/],
      [post(`${url}/`, PNG, "image/tiff"), 415, "SERVE_MEDIA_TYPE", /image\/tiff/],
      [post(`${url}/v2/models/m/infer`, PNG, "image/png"), 415, "SERVE_MEDIA_TYPE", /application\/json/],
      [
        post(`${url}/`, new TextEncoder().encode("not an image")),
        400,
        "IMAGE_DECODE",
        /not a readable image/,
      ],
      [post(`${url}/`, PNG.subarray(0, 200), "image/png"), 400, "IMAGE_DECODE", /not a readable image/],
      [post(`${url}/`, new Uint8Array(0)), 400, "SERVE_BAD_REQUEST", /body: empty/],
      [post(`${url}/`, PNG), 400, "IMAGE_TOO_LARGE", /above the limit of 100000/],
      [post(`${url}/`, "{", "application/json"), 400, "SERVE_BAD_REQUEST", /not valid JSON/],
      [
        post(`${url}/`, '{"inputs":"../etc/passwd"}', "application/json"),
        400,
        "SERVE_BAD_REQUEST",
        /not base64/,
      ],
      [
        post(`${url}/`, new Uint8Array(PNG.length + 1001)),
        413,
        "SERVE_BODY_TOO_LARGE",
        /larger than \d+ bytes/,
      ],
      [post(`${url}/v2/models/m/infer`, "[]", "application/json"), 400, "SERVE_BAD_REQUEST", /JSON object/],
      [
        post(
          `${url}/v2/models/m/infer`,
          v2([{ name: "pixel_values", datatype: "FP32", shape: [1, 3, 32, 32], data: [1] }]),
          "application/json",
        ),
        400,
        "SERVE_BAD_REQUEST",
        /inputs\[0\]\.data/,
      ],
      [
        post(
          `${url}/v2/models/m/infer`,
          v2([{ name: "x", datatype: "BYTES", shape: [1], data: ["aGVsbG8="] }]),
          "application/json",
        ),
        400,
        "IMAGE_DECODE",
        /not a readable image/,
      ],
      [
        post(`${url}/v2/models/other/infer`, "{}", "application/json"),
        404,
        "SERVE_MODEL_NOT_FOUND",
        /"other"/,
      ],
      [call(`${url}/v2/models/other`), 404, "SERVE_MODEL_NOT_FOUND", /served: "m"/],
      [call(`${url}/v2/models/other/ready`), 404, "SERVE_MODEL_NOT_FOUND", /"other"/],
      [post(`${url}/models/other`, PNG), 404, "SERVE_MODEL_NOT_FOUND", /"other"/],
      [call(`${url}/v3/anything?token=secret`), 404, "SERVE_ROUTE_NOT_FOUND", /GET \/v3\/anything$/],
    ];
    for (const [pending, status, code, message] of cases) {
      const { status: got, body } = await pending;
      expect({ got, code: body.code }).toEqual({ got: status, code });
      expect(body.error).toMatch(message);
    }
  });

  it("surfaces the JSON error through the @huggingface/inference client", async () => {
    const { url } = await serve({});
    const error = await new InferenceClient()
      .imageClassification({ endpointUrl: url, data: new Blob(["not an image"]) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ httpResponse: { status: 400 } });
    expect(String((error as Error).message)).toMatch(/not a readable image/);
  });

  it("answers 503 with Retry-After when the queue is full, 504 when a request times out", async () => {
    const fake = fakeModel({ held: true });
    const { url, server } = await serve(
      { limits: { maxBatch: 1, maxDelayMs: 0, maxQueue: 1, timeoutMs: 300, retryAfterSeconds: 3 } },
      fake,
    );
    const running = post(`${url}/`, PNG);
    await until(() => fake.state.started === 1);
    const waiting = post(`${url}/`, PNG);
    await until(async () => (await metric(server, "mobilenet_serve_queue_depth")) === 1);
    const refused = await post(`${url}/`, PNG);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("3");
    expect(refused.body.code).toBe("SERVE_QUEUE_FULL");
    for (const result of await Promise.all([running, waiting])) {
      expect(result).toMatchObject({ status: 504, body: { code: "SERVE_TIMEOUT" } });
    }
    fake.release();
  });

  it("answers 500 with a generic message for an unexpected failure and logs it", async () => {
    const { url, logs } = await serve({}, fakeModel({ fail: new Error("onnxruntime: internal detail") }));
    const { status, body } = await post(`${url}/`, PNG);
    expect(status).toBe(500);
    expect(body).toEqual({ error: "internal server error (see the server log)", code: "SERVE_INTERNAL" });
    expect(logs.some((l) => l.level === "error" && String(l.error).includes("internal detail"))).toBe(true);
  });

  it("logs one line per request without query strings or headers", async () => {
    const { url, logs } = await serve({});
    await fetch(`${url}/v2/health/live?token=hf_secret`, { headers: { authorization: "Bearer hf_secret" } });
    const line = logs.find((l) => l.route === "/v2/health/live");
    expect(line).toMatchObject({ method: "GET", status: 200, path: "/v2/health/live" });
    expect(JSON.stringify(logs)).not.toContain("hf_secret");
  });
});

describe("health, metadata and graceful shutdown", () => {
  it("serves the v2 health and metadata routes", async () => {
    const { url } = await serve({});
    expect((await fetch(`${url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/v2/health/ready`)).status).toBe(200);
    expect((await fetch(`${url}/v2/models/m/ready`)).status).toBe(200);
    expect(await (await fetch(`${url}/v2`)).json()).toEqual({
      name: "mobilenetv1-serve",
      version: "0.1.0",
      extensions: [],
    });
    expect(await (await fetch(`${url}/v2/models/m`)).json()).toMatchObject({
      name: "m",
      inputs: [{ name: "pixel_values", datatype: "FP32", shape: [-1, 3, -1, -1] }],
      outputs: [{ name: "logits", datatype: "FP32", shape: [-1, 10] }],
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const name of ["requests_total", "request_duration_seconds", "batch_size", "queue_depth"]) {
      expect(metrics).toContain(`mobilenet_serve_${name}`);
    }
  });

  it("on close: readiness goes false, requests already received finish, then the listener closes", async () => {
    const fake = fakeModel({ held: true });
    const { url, server } = await serve({ limits: { maxBatch: 8, maxDelayMs: 0 } }, fake);
    const inFlight = Array.from({ length: 4 }, () => post(`${url}/`, PNG));
    // all four received: one forward running (held), three requests queued behind it
    await until(
      async () => fake.state.started === 1 && (await metric(server, "mobilenet_serve_queue_depth")) === 3,
    );
    const closing = server.close();
    expect(server.ready).toBe(false);
    fake.release();
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await closing;
    await expect(fetch(`${url}/v2/health/live`)).rejects.toThrow();
  });
});
