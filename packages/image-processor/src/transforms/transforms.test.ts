import { describe, expect, test } from "vitest";
import { placeCenterCrop } from "./center-crop.js";
import { pixelValueTable } from "./pixel-values-writer.js";
import { resizeOutputSize } from "./resize-output-size.js";

describe("resizeOutputSize (HF's get_resize_output_image_size)", () => {
  test("shortest edge, long side truncated", () => {
    expect(resizeOutputSize({ height: 480, width: 640, size: { shortestEdge: 256 } })).toEqual({
      height: 256,
      width: 341,
    });
    expect(resizeOutputSize({ height: 640, width: 480, size: { shortestEdge: 256 } })).toEqual({
      height: 341,
      width: 256,
    });
    expect(resizeOutputSize({ height: 50, width: 1000, size: { shortestEdge: 256 } })).toEqual({
      height: 256,
      width: 5120,
    });
    expect(resizeOutputSize({ height: 7, width: 7, size: { shortestEdge: 256 } })).toEqual({
      height: 256,
      width: 256,
    });
  });
  test("exact size", () => {
    expect(resizeOutputSize({ height: 480, width: 640, size: { height: 10, width: 20 } })).toEqual({
      height: 10,
      width: 20,
    });
  });
});

describe("placeCenterCrop (HF's center_crop)", () => {
  test("inside the image: floor division", () => {
    expect(placeCenterCrop({ height: 256, width: 341, cropHeight: 224, cropWidth: 224 })).toEqual({
      top: 16,
      left: 58,
      window: { x0: 58, y0: 16, x1: 282, y1: 240 },
    });
  });
  test("larger than the image: ceil((h - H) / 2) rows of zero padding on top", () => {
    const p = placeCenterCrop({ height: 101, width: 224, cropHeight: 224, cropWidth: 223 });
    expect(p.top).toBe(-62); // HF: top_pad = ceil(123 / 2) = 62
    expect(p.left).toBe(0);
    expect(p.window).toEqual({ x0: 0, y0: 0, x1: 223, y1: 101 });
  });
});

describe("pixelValueTable (HF's rescale in float64 → float32, normalize in float32)", () => {
  test("values numpy computes", () => {
    const lut = pixelValueTable({
      doRescale: true,
      rescaleFactor: 1 / 255,
      doNormalize: true,
      imageMean: [0.5, 0.5, 0.5],
      imageStd: 0.5,
    });
    // numpy: ((np.array([v]) * (1/255)).astype(np.float32) - np.float32(0.5)) / np.float32(0.5)
    const expected = {
      0: -1,
      1: -0.9921568632125854,
      127: -0.003921568393707275,
      128: 0.003921627998352051,
      255: 1,
    };
    for (const [v, x] of Object.entries(expected)) expect(lut[Number(v)]).toBe(x);
    const imagenet = pixelValueTable({
      doRescale: true,
      rescaleFactor: 1 / 255,
      doNormalize: true,
      imageMean: [0.485, 0.456, 0.406],
      imageStd: [0.229, 0.224, 0.225],
    });
    expect([imagenet[37], imagenet[256 + 37], imagenet[512 + 37]]).toEqual([
      -1.4842880964279175, -1.3879550695419312, -1.1595641374588013,
    ]);
  });
  test("no rescale, no normalize: the uint8 level", () => {
    const lut = pixelValueTable({
      doRescale: false,
      rescaleFactor: 1 / 255,
      doNormalize: false,
      imageMean: 0,
      imageStd: 1,
    });
    expect(lut[200]).toBe(200);
  });
});
