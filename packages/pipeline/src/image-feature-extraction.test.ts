import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, type LoadWarning, MobileNetV1Model } from "@mobilenetv1/core";
import "@mobilenetv1/backend-node";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { AutoModel, pipeline } from "./index.js";

const chelsea = join(import.meta.dirname, "../../../samples/chelsea.png");

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

describe("pipeline('image-feature-extraction') on real weights", () => {
  it("gives HF's pooler_output and last_hidden_state for the cats image (keras 0.75, REFERENCE.json)", async (ctx) => {
    const dir = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = JSON.parse(await readFile(join(dir, "REFERENCE.json"), "utf8"));
    const warnings: LoadWarning[] = [];
    // A classification checkpoint: its backbone loads, its head is left out without a warning (as HF).
    const extract = await pipeline("image-feature-extraction", dir, {
      backend: "node",
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
    expect(extract.model).toBeInstanceOf(MobileNetV1Model);

    const pooled = await extract(image, { pool: true });
    expect(pooled.dims).toEqual(reference.pooler_output.shape);
    expect(maxAbsDiff(pooled.data.subarray(0, 5), reference.pooler_output.first5)).toBeLessThan(1e-4);
    expect(Math.abs(mean(pooled.data) - reference.pooler_output.mean)).toBeLessThan(1e-5);

    const hidden = await extract(image);
    expect(hidden.dims).toEqual(reference.last_hidden_state.shape);
    expect(Math.abs(mean(hidden.data) - reference.last_hidden_state.mean)).toBeLessThan(1e-5);
    expect(await extract(image, { pool: false })).toEqual(hidden);
    expect(await extract(image, { pool: null })).toEqual(hidden);

    // Exactly the backbone's own forward on the processor's pixel values.
    const { pixelValues } = await extract.processor.preprocess([image]);
    const direct = await extract.model.forward({ pixelValues });
    expect(pooled.data).toEqual(direct.poolerOutput.data);
    expect(hidden.data).toEqual(direct.lastHiddenState.data);
    await extract.dispose();
  });

  it("stacks a list's rows in input order, the same whatever the batch size", async (ctx) => {
    const dir = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const extract = await pipeline("image-feature-extraction", dir, { backend: "node" });
    const single = await extract(image, { pool: true });
    expect(single.dims).toEqual([1, 256]);
    const list = [image, chelsea, image, chelsea, image];
    const whole = await extract(list, { pool: true });
    expect(whole.dims).toEqual([5, 256]);
    for (const batchSize of [1, 2, 4]) {
      const rows = await extract(list, { pool: true, batchSize });
      expect(rows.dims).toEqual([5, 256]);
      expect(maxAbsDiff(rows.data, whole.data)).toBeLessThan(1e-5);
    }
    expect(maxAbsDiff(whole.data.subarray(0, 256), single.data)).toBeLessThan(1e-5);
    expect(maxAbsDiff(whole.data.subarray(512, 768), single.data)).toBeLessThan(1e-5);
    expect(maxAbsDiff(whole.data.subarray(256, 512), single.data)).toBeGreaterThan(0.1);
    const hidden = await extract([image, chelsea], { batchSize: 1 });
    expect(hidden.dims).toEqual([2, 256, 7, 7]);
    await extract.dispose();
  });

  it("refuses bad call options and unreadable images with typed errors naming them", async (ctx) => {
    const dir = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const extract = await pipeline("image-feature-extraction", dir, { backend: "node" });
    for (const pool of ["yes", 1, {}]) {
      const error = await extract(image, { pool: pool as never }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).argument).toBe("pool");
      expect((error as Error).message).toContain(JSON.stringify(pool));
    }
    for (const batchSize of [0, -1, 1.5, Number.NaN]) {
      const error = await extract([image], { batchSize }).catch((e: unknown) => e);
      expect((error as InputError).argument).toBe("batchSize");
    }
    await expect(extract([])).rejects.toThrow(/at least one image/);
    await expect(extract([image, "/nonexistent/x.png"], { batchSize: 1 })).rejects.toThrow(/nonexistent/);
    await extract.dispose();
  });

  it("AutoModel loads the bare backbone of a 1001-class tf-slim checkpoint", async (ctx) => {
    const dir = requireShared("hf/tfslim_mobilenet_v1_0.25_224", ctx);
    const model = await AutoModel.fromPretrained(dir, { backend: "node" });
    expect(model).toBeInstanceOf(MobileNetV1Model);
    await model.dispose();
  });
});

describe("pipeline() task names", () => {
  it("refuses an unknown task with an InputError listing the known ones", async () => {
    for (const task of ["feature-extraction", "Image-Classification", ""]) {
      const error = await pipeline(task as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).argument).toBe("task");
      expect((error as Error).message).toContain('"image-feature-extraction"');
    }
  });
});
