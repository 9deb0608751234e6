/**
 * The browser loader, run in Node with the browser APIs it uses (createImageBitmap, OffscreenCanvas)
 * stubbed: this checks the dispatch, the options passed to the browser and the bomb check; the real
 * decoding is the browser's.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import { inputPath } from "../../test/support/fixtures.js";
import { ImageDimensionsError } from "../errors/image-errors.js";
import { loadImage } from "./load-image-browser.js";

class FakeBitmap {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  close() {}
}

function stubBrowser() {
  const createImageBitmap = vi.fn(async (_blob: Blob, _options: ImageBitmapOptions) => new FakeBitmap(3, 2));
  class FakeCanvas {
    constructor(
      readonly width: number,
      readonly height: number,
    ) {}
    getContext() {
      return {
        drawImage: () => {},
        getImageData: (_x: number, _y: number, w: number, h: number) => ({
          data: new Uint8ClampedArray(w * h * 4).fill(9),
          width: w,
          height: h,
        }),
      };
    }
  }
  vi.stubGlobal("createImageBitmap", createImageBitmap);
  vi.stubGlobal("ImageBitmap", FakeBitmap);
  vi.stubGlobal("OffscreenCanvas", FakeCanvas);
  return { createImageBitmap };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("loadImage (browser build)", () => {
  test("encoded bytes go through createImageBitmap without colour management or EXIF rotation", async () => {
    const { createImageBitmap } = stubBrowser();
    const image = await loadImage({ input: readFileSync(inputPath("cats-128x96-q90.jpg")) });
    expect([image.width, image.height, image.channels]).toEqual([3, 2, 4]);
    expect(createImageBitmap.mock.calls[0]![1]).toEqual({
      colorSpaceConversion: "none",
      premultiplyAlpha: "none",
      imageOrientation: "none",
    });
  });

  test("a decompression bomb is refused from its header, before the browser decodes it", async () => {
    const { createImageBitmap } = stubBrowser();
    await expect(
      loadImage({ input: new Blob([readFileSync(inputPath("bad/bomb-50000x50000.png"))]) }),
    ).rejects.toBeInstanceOf(ImageDimensionsError);
    expect(createImageBitmap).not.toHaveBeenCalled();
  });

  test("ImageData, raw pixels and ImageBitmap", async () => {
    stubBrowser();
    const imageData = { data: new Uint8ClampedArray(8).fill(5), width: 2, height: 1 };
    expect((await loadImage({ input: imageData as unknown as ImageData })).channels).toBe(4);
    expect(
      (await loadImage({ input: { data: new Uint8Array(3), width: 1, height: 1, channels: 3 } })).channels,
    ).toBe(3);
    const fromBitmap = await loadImage({ input: new FakeBitmap(4, 3) as unknown as ImageBitmap });
    expect([fromBitmap.width, fromBitmap.height, fromBitmap.data[0]]).toEqual([4, 3, 9]);
  });

  test("file paths are not available in browsers", async () => {
    stubBrowser();
    await expect(loadImage({ input: "/tmp/cat.png" })).rejects.toThrow(/Node/);
  });
});
