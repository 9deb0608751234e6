import { readFileSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileFormatError, ModelFileNotFoundError } from "@mobilenetv1/core";
import { describe, expect, test, vi } from "vitest";
import { HF_CHECKPOINT_DIR, sharedAvailable } from "../../test/support/fixtures.js";
import { MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS } from "../config/processor-options.js";
import { PilResample } from "../resample/filters.js";
import { MobileNetV1FeatureExtractor } from "./mobilenet-v1-feature-extractor.js";
import { MobileNetV1ImageProcessor } from "./mobilenet-v1-image-processor.js";

const gray = { data: new Uint8Array(6 * 4).fill(255), width: 6, height: 4, channels: 1 };

describe("MobileNetV1ImageProcessor", () => {
  test("defaults are HF's (image_processing_mobilenet_v1.py)", () => {
    expect(new MobileNetV1ImageProcessor().options).toEqual({
      doResize: true,
      size: { shortestEdge: 256 },
      resample: PilResample.BILINEAR,
      doCenterCrop: true,
      cropSize: { height: 224, width: 224 },
      doRescale: true,
      rescaleFactor: 1 / 255,
      doNormalize: true,
      imageMean: [0.5, 0.5, 0.5],
      imageStd: [0.5, 0.5, 0.5],
    });
    expect(new MobileNetV1ImageProcessor().options).toEqual(MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS);
  });

  test("fromPretrained reads preprocessor_config.json and writes it back byte for byte", async () => {
    if (!sharedAvailable(HF_CHECKPOINT_DIR)) return;
    const processor = await MobileNetV1ImageProcessor.fromPretrained(HF_CHECKPOINT_DIR);
    expect(processor.options).toEqual(MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS);
    expect(processor.toConfigText()).toBe(
      `${readFileSync(join(HF_CHECKPOINT_DIR, "preprocessor_config.json"), "utf8").trimEnd()}\n`,
    );
    const overridden = await MobileNetV1ImageProcessor.fromPretrained(HF_CHECKPOINT_DIR, {
      overrides: { cropSize: 192 },
    });
    expect(overridden.options.cropSize).toEqual({ height: 192, width: 192 });
  });

  test("savePretrained → fromPretrained keeps options and unknown fields", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mnv1-processor-"));
    const processor = MobileNetV1ImageProcessor.fromConfigText(
      JSON.stringify({
        size: { height: 200, width: 100 },
        resample: 3,
        image_mean: 0.25,
        processor_class: "X",
      }),
    );
    await processor.savePretrained({ dir });
    const saved = JSON.parse(await readFile(join(dir, "preprocessor_config.json"), "utf8"));
    expect(saved).toMatchObject({
      size: { height: 200, width: 100 },
      resample: 3,
      image_mean: 0.25,
      processor_class: "X",
    });
    expect(saved.image_processor_type).toBe("MobileNetV1ImageProcessor");
    const loaded = await MobileNetV1ImageProcessor.fromPretrained(dir);
    expect(loaded.options).toEqual(processor.options);
    expect(loaded.extraConfig).toEqual({ processor_class: "X" });
  });

  test("legacy feature-extractor configs (ints for size and crop_size) load like HF's get_size_dict", () => {
    const p = MobileNetV1ImageProcessor.fromConfigText(
      JSON.stringify({
        size: 256,
        crop_size: 224,
        feature_extractor_type: "MobileNetV1FeatureExtractor",
        do_normalize: null,
      }),
    );
    expect(p.options.size).toEqual({ shortestEdge: 256 });
    expect(p.options.cropSize).toEqual({ height: 224, width: 224 });
    expect(p.options.doNormalize).toBe(true);
  });

  test("a folder without preprocessor_config.json, or a broken one, gives typed errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mnv1-empty-"));
    await expect(MobileNetV1ImageProcessor.fromPretrained(dir)).rejects.toBeInstanceOf(
      ModelFileNotFoundError,
    );
    expect(() => MobileNetV1ImageProcessor.fromConfigText("{nope")).toThrow(FileFormatError);
    expect(() => MobileNetV1ImageProcessor.fromConfigText("[1]")).toThrow(FileFormatError);
  });

  test("per-call overrides apply to that call only", () => {
    const p = new MobileNetV1ImageProcessor();
    const a = p.preprocessPixels(gray, { cropSize: { height: 3, width: 5 }, doNormalize: false });
    expect(a.pixelValues.dims).toEqual([1, 3, 3, 5]);
    expect(a.pixelValues.data[0]).toBe(1);
    expect(a.originalSizes).toEqual([{ height: 4, width: 6 }]);
    expect(p.preprocessPixels(gray).pixelValues.dims).toEqual([1, 3, 224, 224]);
  });

  test("without crop, the output keeps the resized size", () => {
    const out = new MobileNetV1ImageProcessor({ doCenterCrop: false }).preprocessPixels(gray);
    expect(out.pixelValues.dims).toEqual([1, 3, 256, 384]);
  });
});

describe("MobileNetV1FeatureExtractor (deprecated alias, as in HF)", () => {
  test("is an image processor that warns once and saves its own class name", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const a = new MobileNetV1FeatureExtractor();
    new MobileNetV1FeatureExtractor();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(a).toBeInstanceOf(MobileNetV1ImageProcessor);
    expect(JSON.parse(a.toConfigText()).image_processor_type).toBe("MobileNetV1FeatureExtractor");
    expect(MobileNetV1FeatureExtractor.fromConfigText("{}")).toBeInstanceOf(MobileNetV1FeatureExtractor);
    expect(a.preprocessPixels(gray).pixelValues.dims).toEqual([1, 3, 224, 224]);
  });
});
