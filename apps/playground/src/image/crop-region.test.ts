import { MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS, resolveProcessorOptions } from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";
import { modelCropRegion } from "./crop-region.js";

describe("modelCropRegion", () => {
  it("places the cats image's crop where REFERENCE.json says HF cropped it (341×256, top 16, left 58)", () => {
    const region = modelCropRegion({
      width: 640,
      height: 480,
      options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
    });
    expect(region).toEqual({ x0: 58 / 341, y0: 16 / 256, x1: 282 / 341, y1: 240 / 256 });
    // In the original's pixels: a 420×420 square, centered.
    expect((region.x1 - region.x0) * 640).toBeCloseTo(420.41, 2);
    expect((region.y1 - region.y0) * 480).toBeCloseTo(420, 6);
  });

  it("covers a portrait image's middle, clips a crop larger than the image, and is whole without crop", () => {
    const portrait = modelCropRegion({
      width: 300,
      height: 451,
      options: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
    });
    expect(portrait).toEqual({ x0: 16 / 256, y0: 80 / 384, x1: 240 / 256, y1: 304 / 384 });
    const bigCrop = resolveProcessorOptions({
      base: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
      options: { cropSize: 300 },
    });
    expect(modelCropRegion({ width: 640, height: 480, options: bigCrop })).toEqual({
      x0: 20 / 341,
      y0: 0,
      x1: 320 / 341,
      y1: 1,
    });
    const noCrop = resolveProcessorOptions({
      base: MOBILENET_V1_IMAGE_PROCESSOR_DEFAULTS,
      options: { doCenterCrop: false },
    });
    expect(modelCropRegion({ width: 640, height: 480, options: noCrop })).toEqual({
      x0: 0,
      y0: 0,
      x1: 1,
      y1: 1,
    });
  });
});
