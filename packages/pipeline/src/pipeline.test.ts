import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MobileNetV1Config } from "@mobilenetv1/core";
import "@mobilenetv1/backend-node";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { AutoConfig, AutoImageProcessor, pipeline, UnsupportedModelTypeError } from "./index.js";

describe("pipeline('image-classification') on real weights", () => {
  it("labels the COCO cats image as HF does (REFERENCE.json top-5 and probabilities)", async (ctx) => {
    const dir = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = JSON.parse(await readFile(join(dir, "REFERENCE.json"), "utf8"));
    const classify = await pipeline("image-classification", dir, { backend: "node" });
    const top = await classify(image);
    expect(top.map((r) => r.label)).toEqual(reference.top5.map((r: { label: string }) => r.label));
    top.forEach((r, i) => expect(Math.abs(r.score - reference.top5[i].prob)).toBeLessThan(1e-5));
    const batch = await classify([image, image], { topK: 2 });
    expect(batch).toHaveLength(2);
    expect(batch[1]).toEqual(top.slice(0, 2));
    // A list in batches of 2 (the next batch decoded while the model runs) gives each image's own result.
    const chelsea = join(import.meta.dirname, "../../../samples/chelsea.png");
    const list = [image, chelsea, image, chelsea, image];
    const whole = await classify(list, { topK: 3 });
    expect(await classify(list, { topK: 3, batchSize: 2 })).toEqual(whole);
    expect(await classify(list, { topK: 3, batchSize: 1 })).toEqual(whole);
    expect(whole[1]![0]!.label).not.toBe(whole[0]![0]!.label);
    await expect(classify(list, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(classify([image, "/nonexistent/x.png", image], { batchSize: 1 })).rejects.toThrow(
      /nonexistent/,
    );
    await classify.dispose();
  });
});

describe("Auto* dispatch on model_type", () => {
  it("AutoConfig returns a MobileNetV1Config for mobilenet_v1", async (ctx) => {
    const dir = requireShared("hf/tfslim_mobilenet_v1_0.25_224", ctx);
    const config = await AutoConfig.fromPretrained(dir);
    expect(config).toBeInstanceOf(MobileNetV1Config);
    expect((config as MobileNetV1Config).numLabels).toBe(1001);
  });

  it("refuses another model_type with a typed error naming it and what is supported", async () => {
    const dir = await mkdtemp(join(tmpdir(), "auto-"));
    await writeFile(join(dir, "config.json"), JSON.stringify({ model_type: "bert" }));
    const error = await AutoConfig.fromPretrained(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedModelTypeError);
    expect((error as UnsupportedModelTypeError).modelType).toBe("bert");
    expect((error as Error).message).toContain('"mobilenet_v1"');
  });

  it("AutoImageProcessor picks the class from image_processor_type (and the deprecated feature extractor name)", async (ctx) => {
    const shared = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "auto-"));
    await copyFile(join(shared, "config.json"), join(dir, "config.json"));
    await writeFile(
      join(dir, "preprocessor_config.json"),
      JSON.stringify({ feature_extractor_type: "MobileNetV1FeatureExtractor", crop_size: 192 }),
    );
    const processor = await AutoImageProcessor.fromPretrained(dir);
    const { pixelValues } = await processor.preprocess([
      { data: new Uint8Array(300 * 200 * 3).fill(128), width: 300, height: 200, channels: 3 },
    ]);
    expect(pixelValues.dims).toEqual([1, 3, 192, 192]);
  });
});
