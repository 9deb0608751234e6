/** Bad input gives a typed error (a MobileNetError subclass with structured fields), never a crash. */
import { readFileSync } from "node:fs";
import { ConfigError, InputError, MobileNetError } from "@mobilenetv1/core";
import { describe, expect, test } from "vitest";
import {
  DEFAULT_MAX_IMAGE_PIXELS,
  ImageDecodeError,
  ImageDimensionsError,
  ImageSourceError,
  loadImage,
  MobileNetV1ImageProcessor,
  PreprocessorConfigError,
} from "../src/index.js";
import { inputPath } from "./support/fixtures.js";

const processor = new MobileNetV1ImageProcessor();
const pixel = { data: new Uint8Array([1, 2, 3]), width: 1, height: 1, channels: 3 };

describe("undecodable files", () => {
  test.each(["bad/not-an-image.txt", "bad/truncated.jpg", "bad/truncated.png"])(
    "%s → ImageDecodeError",
    async (file) => {
      const error = await processor.preprocess(inputPath(file)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageDecodeError);
      expect(error).toBeInstanceOf(MobileNetError);
      expect((error as ImageDecodeError).code).toBe("IMAGE_DECODE");
    },
  );

  test("empty bytes → ImageDecodeError", async () => {
    await expect(loadImage({ input: new Uint8Array(0) })).rejects.toBeInstanceOf(ImageDecodeError);
  });
});

describe("dimensions", () => {
  test("a decompression bomb (PNG header declaring 50000×50000) is refused from its header", async () => {
    const error = (await loadImage({ input: inputPath("bad/bomb-50000x50000.png") }).catch(
      (e: unknown) => e,
    )) as ImageDimensionsError;
    expect(error).toBeInstanceOf(ImageDimensionsError);
    expect([error.code, error.reason, error.width, error.height, error.limit]).toEqual([
      "IMAGE_TOO_LARGE",
      "too-large",
      50000,
      50000,
      DEFAULT_MAX_IMAGE_PIXELS,
    ]);
  });

  test("the pixel limit is PIL's MAX_IMAGE_PIXELS and can be lowered", async () => {
    expect(DEFAULT_MAX_IMAGE_PIXELS).toBe(89_478_485);
    const error = await processor
      .preprocess(inputPath("cats-128x96.png"), { decode: { maxImagePixels: 128 * 96 - 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDimensionsError);
    await expect(
      loadImage({ input: inputPath("cats-128x96.png"), options: { maxImagePixels: 128 * 96 } }),
    ).resolves.toBeTruthy();
  });

  test("0×0 raw pixels → ImageDimensionsError (empty)", () => {
    const error = (() => {
      try {
        processor.preprocessPixels({ data: new Uint8Array(0), width: 0, height: 0, channels: 3 });
      } catch (e) {
        return e as ImageDimensionsError;
      }
    })();
    expect(error).toBeInstanceOf(ImageDimensionsError);
    expect(error?.reason).toBe("empty");
  });

  test("raw pixels whose length does not match → InputError", () => {
    expect(() => processor.preprocessPixels({ ...pixel, width: 2 })).toThrow(InputError);
    expect(() => processor.preprocessPixels({ ...pixel, channels: 5 })).toThrow(InputError);
    expect(() => processor.preprocessPixels({ ...pixel, data: [1, 2, 3] as unknown as Uint8Array })).toThrow(
      InputError,
    );
  });
});

describe("sources", () => {
  test("a missing file → ImageSourceError", async () => {
    await expect(loadImage({ input: "/nonexistent/cat.png" })).rejects.toBeInstanceOf(ImageSourceError);
  });

  test("an HTTP error → ImageSourceError with the status (fetch injected)", async () => {
    const fetch = (async () => new Response("nope", { status: 404 })) as unknown as typeof globalThis.fetch;
    const error = (await loadImage({ input: "https://example.invalid/cat.jpg", options: { fetch } }).catch(
      (e: unknown) => e,
    )) as ImageSourceError;
    expect(error).toBeInstanceOf(ImageSourceError);
    expect(error.status).toBe(404);
  });

  test("a URL is downloaded with the injected fetch and decoded", async () => {
    const bytes = readFileSync(inputPath("cats-128x96.png"));
    const fetch = (async () => new Response(bytes)) as unknown as typeof globalThis.fetch;
    const { pixelValues } = await processor.preprocess("https://example.invalid/cat.png", {
      decode: { fetch },
    });
    expect(pixelValues.dims).toEqual([1, 3, 224, 224]);
  });

  test("an unsupported value → InputError", async () => {
    await expect(loadImage({ input: 42 as never })).rejects.toBeInstanceOf(InputError);
    await expect(processor.preprocess([])).rejects.toBeInstanceOf(InputError);
  });
});

describe("options with a wrong type or value → PreprocessorConfigError (a ConfigError)", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["do_resize", { doResize: "yes" }],
    ["size", { size: -1 }],
    ["size", { size: { shortestEdge: 256, height: 3 } }],
    ["size.shortest_edge", { size: { shortestEdge: 2.5 } }],
    ["resample", { resample: 7 }],
    ["resample", { resample: "bilinear" }],
    ["crop_size", { cropSize: { shortestEdge: 224 } }],
    ["rescale_factor", { rescaleFactor: Number.NaN }],
    ["image_mean", { imageMean: [0.5, 0.5] }],
    ["image_std", { imageStd: 0 }],
    ["do_resise", { do_resise: true }],
  ];
  test.each(bad)("%s: %j", (field, options) => {
    const error = (() => {
      try {
        processor.preprocessPixels(pixel, options as never);
      } catch (e) {
        return e as PreprocessorConfigError;
      }
    })();
    expect(error).toBeInstanceOf(PreprocessorConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.field).toBe(field);
    expect(() => new MobileNetV1ImageProcessor(options as never)).toThrow(PreprocessorConfigError);
  });

  test("images that do not form one batch → InputError naming the image", () => {
    const big = { data: new Uint8Array(4 * 2 * 3), width: 4, height: 2, channels: 3 };
    expect(() => processor.preprocessPixels([pixel, big], { doCenterCrop: false })).toThrow(/images\[1\]/);
  });
});
