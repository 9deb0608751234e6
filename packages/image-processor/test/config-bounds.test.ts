/**
 * Every preprocessor field that sizes an allocation is bounded (MAX_SIZE_EDGE), and the other fields are
 * checked for nonsense, whether it comes from preprocessor_config.json, the constructor or a per-call
 * override: a typed PreprocessorConfigError naming the field, never a multi-GB allocation or a bare
 * RangeError / stack overflow.
 */
import { FileFormatError, InputError } from "@mobilenetv1/core";
import { describe, expect, test } from "vitest";
import {
  MAX_CONFIG_JSON_DEPTH,
  MAX_RESIZED_PIXELS,
  MAX_SIZE_EDGE,
  MobileNetV1ImageProcessor,
  PreprocessorConfigError,
} from "../src/index.js";

const pixel = { data: new Uint8Array([1, 2, 3]), width: 1, height: 1, channels: 3 };

function configError(run: () => unknown): PreprocessorConfigError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(PreprocessorConfigError);
    return e as PreprocessorConfigError;
  }
  throw new Error("expected a PreprocessorConfigError");
}

// [JSON field, the JSON value, the field named in the error]
const sizeFields: [string, (n: number) => unknown, string][] = [
  ["size", (n) => ({ shortest_edge: n }), "size.shortest_edge"],
  ["size", (n) => ({ height: n, width: 8 }), "size.height"],
  ["size", (n) => ({ height: 8, width: n }), "size.width"],
  ["size", (n) => n, "size"],
  ["crop_size", (n) => ({ height: n, width: 8 }), "crop_size.height"],
  ["crop_size", (n) => ({ height: 8, width: n }), "crop_size.width"],
  ["crop_size", (n) => n, "crop_size"],
  ["crop_size", (n) => [8, n], "crop_size[1]"],
];

describe("allocation-sizing fields are bounded by MAX_SIZE_EDGE", () => {
  test("MAX_SIZE_EDGE is 4096", () => expect(MAX_SIZE_EDGE).toBe(4096));

  const cases = sizeFields.flatMap(([key, make, field]) =>
    [0, -1, MAX_SIZE_EDGE + 1, 20_000, 50_000, 1e9, 2.5].map((n) => [key, n, make(n), field] as const),
  );
  test.each(cases)("preprocessor_config.json %s = %d → names %s", (key, _n, value, field) => {
    const error = configError(() =>
      MobileNetV1ImageProcessor.fromConfigText(JSON.stringify({ [key]: value })),
    );
    expect(error.field).toBe(field);
    expect(error.message).toContain(String(MAX_SIZE_EDGE));
  });

  test.each(sizeFields)("%s at the bound (%s) is accepted", (key, make) => {
    const processor = MobileNetV1ImageProcessor.fromConfigText(
      JSON.stringify({ [key]: make(MAX_SIZE_EDGE), ...(key === "size" ? {} : { do_resize: false }) }),
    );
    expect(processor).toBeInstanceOf(MobileNetV1ImageProcessor);
  });

  test("constructor options and per-call overrides are bounded the same way", () => {
    expect(configError(() => new MobileNetV1ImageProcessor({ cropSize: 20_000 })).field).toBe("crop_size");
    const processor = new MobileNetV1ImageProcessor();
    expect(
      configError(() => processor.preprocessPixels(pixel, { size: { height: 50_000, width: 1 } })).field,
    ).toBe("size.height");
    expect(configError(() => processor.preprocessPixels(pixel, { cropSize: [1, 40_000] })).field).toBe(
      "crop_size[1]",
    );
  });

  test("a preprocess override is refused before any image is read", async () => {
    const error = await new MobileNetV1ImageProcessor()
      .preprocess("/nonexistent.png", { cropSize: 30_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreprocessorConfigError);
  });
});

describe("other fields: non-finite or nonsense values", () => {
  const bad: [string, unknown][] = [
    ["rescale_factor", 0],
    ["rescale_factor", -1 / 255],
    ["rescale_factor", "1/255"],
    ["image_mean", [0.5, 0.5]],
    ["image_mean", [0.5, 0.5, 0.5, 0.5]],
    ["image_mean", [0.5, "x", 0.5]],
    ["image_std", [0.5, 0, 0.5]],
    ["image_std", 0],
    ["image_std", []],
    ["resample", 6],
    ["resample", -1],
    ["resample", 2.5],
    ["do_resize", "true"],
  ];
  test.each(bad)("preprocessor_config.json %s = %j", (field, value) => {
    expect(
      configError(() => MobileNetV1ImageProcessor.fromConfigText(JSON.stringify({ [field]: value }))).field,
    ).toBe(field);
  });

  test.each([
    ["rescale_factor", "1e999"],
    ["image_mean", "[0.5, 1e999, 0.5]"],
    ["image_std", "-1e999"],
  ])("%s overflowing to ±Infinity (%s) is refused", (field, literal) => {
    const text = `{"${field}": ${literal}}`;
    expect(configError(() => MobileNetV1ImageProcessor.fromConfigText(text)).field).toBe(field);
  });
});

describe("deeply nested JSON", () => {
  const nested = (depth: number, key = "size") => `{"${key}": ${"[".repeat(depth)}1${"]".repeat(depth)}}`;

  test.each([
    ["size", 100_000],
    ["processor_class", 100_000],
    ["size", MAX_CONFIG_JSON_DEPTH],
  ])(
    "%s nested %d deep → FileFormatError naming the file and the limit, not a stack overflow",
    (key, depth) => {
      let error: unknown;
      try {
        MobileNetV1ImageProcessor.fromConfigText(nested(depth, key));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FileFormatError);
      expect((error as FileFormatError).file).toBe("preprocessor_config.json");
      expect((error as FileFormatError).message).toContain(`deeper than ${MAX_CONFIG_JSON_DEPTH} levels`);
    },
  );

  test("an unknown field nested just within the limit is kept and saved back", () => {
    const processor = MobileNetV1ImageProcessor.fromConfigText(nested(MAX_CONFIG_JSON_DEPTH - 1, "extra"));
    expect(processor.toConfigText()).toContain('"extra"');
  });
});

describe("an extreme aspect ratio cannot blow up the resize", () => {
  test("a 1×100 000 strip resized to a 4096 shortest edge → InputError, before any allocation", () => {
    const strip = { data: new Uint8Array(100_000 * 3), width: 100_000, height: 1, channels: 3 };
    const processor = new MobileNetV1ImageProcessor({ size: 4096, doCenterCrop: false });
    expect(() => processor.preprocessPixels(strip)).toThrow(InputError);
    expect(() => processor.preprocessPixels(strip)).toThrow(String(MAX_RESIZED_PIXELS));
    // The same strip with the default 256 shortest edge and center crop stays within the bound.
    const { pixelValues } = new MobileNetV1ImageProcessor({ size: 256 }).preprocessPixels({
      ...strip,
      width: 1000,
      data: strip.data.subarray(0, 3000),
    });
    expect(pixelValues.dims).toEqual([1, 3, 224, 224]);
  });
});
