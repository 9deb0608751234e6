// The real 0.75_224 checkpoint behind the server: the official @huggingface/inference client and v2
// requests get what the model computes in-process, and concurrent clients share forward passes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { InferenceClient } from "@huggingface/inference";
import { Tensor, topK } from "@mobilenetv1/core";
import type { ImageClassificationModel, ImageProcessorLike } from "@mobilenetv1/pipeline";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServeHandle } from "../src/index.js";
import { loadReal, metric, REAL_MODEL, start, until } from "./serve-fixtures.js";

const CHELSEA = path.resolve(import.meta.dirname, "../../../samples/chelsea.png");
const MODEL_NAME = "keras_mobilenet_v1_0.75_224";
let loaded: { model: ImageClassificationModel; processor: ImageProcessorLike } | undefined;
let server: ServeHandle;
let url: string;
let images: { name: string; bytes: Uint8Array }[];

beforeAll(async () => {
  const config = requireShared(REAL_MODEL);
  if (!config) return;
  loaded = await loadReal(path.dirname(config));
  images = [
    { name: "chelsea.png", bytes: readFileSync(CHELSEA) },
    { name: "000000039769.png", bytes: readFileSync(requireShared("images/000000039769.png")!) },
  ];
  // A long delay, so requests sent together are certain to meet in one batch (a full batch never waits).
  ({ server, url } = await start({
    ...loaded,
    modelName: MODEL_NAME,
    limits: { maxBatch: 8, maxDelayMs: 2_000 },
  }));
});
afterAll(async () => {
  await server?.close();
  await loaded?.model.dispose();
});

async function expected(bytes: Uint8Array, k = 5) {
  const { pixelValues } = await loaded!.processor.preprocess(bytes);
  const { logits } = await loaded!.model.forward({ pixelValues });
  return { pixelValues, logits, top: topK({ logits, id2label: loaded!.model.config.id2label, k })[0]! };
}

interface V2Response {
  model_name: string;
  id?: string;
  outputs: { name: string; datatype: string; shape: number[]; data: number[] }[];
}

async function infer(body: unknown): Promise<{ status: number; json: V2Response }> {
  const response = await fetch(`${url}/v2/models/${MODEL_NAME}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as V2Response };
}

describe("serve with the real checkpoint", () => {
  it("gives the @huggingface/inference client the model's top-5, labels and scores", async (t) => {
    requireShared(REAL_MODEL, t);
    const client = new InferenceClient();
    for (const { bytes } of images) {
      for (const data of [new Blob([bytes], { type: "image/png" }), new Blob([bytes])]) {
        const got = await client.imageClassification({ endpointUrl: url, data });
        const { top } = await expected(bytes);
        expect(got.map((g) => g.label)).toEqual(top.map((p) => p.label));
        got.forEach((g, i) => expect(g.score).toBeCloseTo(top[i]!.score, 6));
      }
    }
  });

  it("takes HF's JSON form with top_k", async (t) => {
    requireShared(REAL_MODEL, t);
    const bytes = images[0]!.bytes;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputs: Buffer.from(bytes).toString("base64"), parameters: { top_k: 3 } }),
    });
    const got = (await response.json()) as { label: string; score: number }[];
    expect(got.map((g) => g.label)).toEqual((await expected(bytes, 3)).top.map((p) => p.label));
  });

  it("answers v2 FP32 pixel_values with forward's logits (<= 1e-5), at the model size and another", async (t) => {
    requireShared(REAL_MODEL, t);
    const { pixelValues, logits } = await expected(images[1]!.bytes);
    const { status, json } = await infer({
      id: "req-7",
      inputs: [
        {
          name: "pixel_values",
          datatype: "FP32",
          shape: pixelValues.dims,
          data: Array.from(pixelValues.data),
        },
      ],
      outputs: [{ name: "logits" }],
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ model_name: MODEL_NAME, id: "req-7" });
    const output = json.outputs[0]!;
    expect(output).toMatchObject({ name: "logits", datatype: "FP32", shape: [1, 1000] });
    const got = output.data;
    expect(Math.max(...got.map((v, i) => Math.abs(v - logits.data[i]!)))).toBeLessThanOrEqual(1e-5);

    // two images of 40×72 in one request, nested data
    const data = Float32Array.from({ length: 2 * 3 * 40 * 72 }, (_, i) => Math.sin(i) * 2);
    const small = new Tensor({ dims: [2, 3, 40, 72], data });
    const ref = (await loaded!.model.forward({ pixelValues: small })).logits;
    const nested = [0, 1].map((n) =>
      [0, 1, 2].map((c) =>
        Array.from({ length: 40 }, (_, y) =>
          Array.from(data.subarray(((n * 3 + c) * 40 + y) * 72, ((n * 3 + c) * 40 + y + 1) * 72)),
        ),
      ),
    );
    const two = await infer({
      inputs: [{ name: "pixel_values", datatype: "FP32", shape: [2, 3, 40, 72], data: nested }],
    });
    expect(two.json.outputs[0]!.shape).toEqual([2, 1000]);
    const diff = two.json.outputs[0]!.data.map((v, i) => Math.abs(v - ref.data[i]!));
    expect(Math.max(...diff)).toBeLessThanOrEqual(1e-5);
  });

  it("answers v2 BYTES images (base64) with the logits of the preprocessed images", async (t) => {
    requireShared(REAL_MODEL, t);
    const { status, json } = await infer({
      inputs: [
        {
          name: "input-0",
          datatype: "BYTES",
          shape: [2],
          data: images.map((i) => Buffer.from(i.bytes).toString("base64")),
        },
      ],
    });
    expect(status).toBe(200);
    expect(json.outputs[0]!.shape).toEqual([2, 1000]);
    for (const [n, image] of images.entries()) {
      const { logits } = await expected(image.bytes);
      const row = json.outputs[0]!.data.slice(n * 1000, (n + 1) * 1000);
      expect(Math.max(...row.map((v, i) => Math.abs(v - logits.data[i]!)))).toBeLessThanOrEqual(1e-5);
    }
  });

  it("runs concurrent clients that wait for the model as one forward pass (batch-size metrics)", async (t) => {
    requireShared(REAL_MODEL, t);
    // The first request's forward is held until the 7 others are in the batcher: they must share one.
    let first = true;
    const model: ImageClassificationModel = {
      config: loaded!.model.config,
      dispose: async () => {},
      forward: async (input) => {
        if (first) {
          first = false;
          await until(async () => (await metric(batching.server, "mobilenet_serve_queue_depth")) === 7);
        }
        return loaded!.model.forward(input);
      },
    };
    const batching = await start({
      model,
      processor: loaded!.processor,
      limits: { maxBatch: 8, maxDelayMs: 5_000 },
    });
    try {
      const client = new InferenceClient();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          client.imageClassification({ endpointUrl: batching.url, data: new Blob([images[i % 2]!.bytes]) }),
        ),
      );
      expect(results.map((r) => r[0]!.label)).toEqual(
        await Promise.all(
          Array.from({ length: 8 }, async (_, i) => (await expected(images[i % 2]!.bytes)).top[0]!.label),
        ),
      );
      expect(await metric(batching.server, "mobilenet_serve_batch_size_sum")).toBe(8);
      expect(await metric(batching.server, "mobilenet_serve_batch_size_count")).toBe(2); // [1, 7]
      expect(await metric(batching.server, "mobilenet_serve_batch_requests_sum")).toBe(8);
    } finally {
      await batching.server.close();
    }
  });
});
