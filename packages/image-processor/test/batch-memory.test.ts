/**
 * A batch is decoded a few images at a time, each written into the batch tensor and let go, instead of
 * every image decoded first: checked by counting (downloads in flight, decoded pixels held), not by time.
 */
import { readFileSync } from "node:fs";
import { InputError } from "@mobilenetv1/core";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  DEFAULT_MAX_CONCURRENT_DECODES,
  DEFAULT_MAX_DECODING_PIXELS,
  MobileNetV1ImageProcessor,
  PreprocessorConfigError,
} from "../src/index.js";
import { PixelBudget } from "../src/processor/pixel-budget.js";
import { inputPath } from "./support/fixtures.js";

const files = ["cats-128x96.png", "cats-128x96-q90.jpg", "cats-128x96-rgba.png", "cats-128x96-lossy.webp"];
const bytes = files.map((f) => readFileSync(inputPath(f)));
// Ten images, different formats, so that an order mix-up shows in the tensor.
const urls = Array.from({ length: 10 }, (_, i) => `https://images.invalid/${i % files.length}`);
const processor = new MobileNetV1ImageProcessor();

/** A fetch serving the fixtures, counting downloads in flight (from the call to the body's end). */
function countingFetch() {
  const state = { inFlight: 0, peak: 0, calls: 0 };
  const fetch = (async (input: string | URL | Request) => {
    state.calls++;
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    const body = bytes[Number(String(input).split("/").pop())]!;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(body));
        controller.close();
        state.inFlight--;
      },
    });
    return new Response(stream);
  }) as unknown as typeof globalThis.fetch;
  return { state, fetch };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("preprocess of a batch", () => {
  test("defaults: 4 images loading at once, and PIL's pixel limit of decoded pixels", () => {
    expect(DEFAULT_MAX_CONCURRENT_DECODES).toBe(4);
    expect(DEFAULT_MAX_DECODING_PIXELS).toBe(89_478_485);
  });

  test.each([1, 2, DEFAULT_MAX_CONCURRENT_DECODES])(
    "loads at most maxConcurrentDecodes = %i images at once, in order in the tensor",
    async (maxConcurrentDecodes) => {
      const { state, fetch } = countingFetch();
      const batch = await processor.preprocess(urls, { decode: { fetch }, maxConcurrentDecodes });
      expect(state.calls).toBe(urls.length);
      expect(state.peak).toBeLessThanOrEqual(maxConcurrentDecodes);
      const single = await Promise.all(files.map((f) => processor.preprocess(inputPath(f))));
      const size = 3 * 224 * 224;
      urls.forEach((_, i) => {
        const expected = single[i % files.length]!.pixelValues.data as Float32Array;
        expect((batch.pixelValues.data as Float32Array).subarray(i * size, (i + 1) * size)).toEqual(expected);
      });
      expect(batch.originalSizes).toHaveLength(urls.length);
    },
  );

  test("decoded pixels held never exceed maxDecodingPixels (one image at a time when only one fits)", async () => {
    let held = 0;
    let peak = 0;
    let reservations = 0;
    const reserve = PixelBudget.prototype.reserve;
    vi.spyOn(PixelBudget.prototype, "reserve").mockImplementation(async function (this: PixelBudget, pixels) {
      const release = await reserve.call(this, pixels);
      reservations++;
      held += pixels;
      peak = Math.max(peak, held);
      return () => {
        held -= pixels;
        release();
      };
    });
    const { fetch } = countingFetch();
    const onePicture = 128 * 96;
    await processor.preprocess(urls, { decode: { fetch }, maxDecodingPixels: onePicture * 1.5 });
    expect(reservations).toBe(urls.length);
    expect(peak).toBe(onePicture);
    expect(held).toBe(0); // every image given back
    peak = 0;
    await processor.preprocess(urls, { decode: { fetch }, maxDecodingPixels: onePicture * 3 });
    expect(peak).toBeLessThanOrEqual(onePicture * 3);
  });

  test("calls running together (prefetched batches) share the processor's budget", async () => {
    let held = 0;
    let peak = 0;
    const reserve = PixelBudget.prototype.reserve;
    vi.spyOn(PixelBudget.prototype, "reserve").mockImplementation(async function (this: PixelBudget, pixels) {
      const release = await reserve.call(this, pixels);
      held += pixels;
      peak = Math.max(peak, held);
      return () => {
        held -= pixels;
        release();
      };
    });
    const { fetch } = countingFetch();
    const onePicture = 128 * 96;
    const shared = new MobileNetV1ImageProcessor();
    const options = { decode: { fetch }, maxDecodingPixels: onePicture };
    await Promise.all([0, 1, 2].map(() => shared.preprocess(urls.slice(0, 4), options)));
    expect(peak).toBe(onePicture);
  });

  test("a failing image rejects the whole batch with its decode error", async () => {
    const { fetch } = countingFetch();
    const bad = [...urls.slice(0, 3), new Uint8Array([1, 2, 3]), ...urls.slice(3)];
    await expect(processor.preprocess(bad, { decode: { fetch } })).rejects.toThrow(/not a readable image/);
  });

  test.each([0, -1, 1.5, Number.NaN])("maxConcurrentDecodes = %d → InputError", async (value) => {
    await expect(processor.preprocess(urls, { maxConcurrentDecodes: value })).rejects.toBeInstanceOf(
      InputError,
    );
  });

  test.each([null, 5, "x"])("options = %j → PreprocessorConfigError", async (options) => {
    await expect(processor.preprocess(urls, options as never)).rejects.toBeInstanceOf(
      PreprocessorConfigError,
    );
  });

  test.each([0, -1, Number.NaN])("maxDecodingPixels = %d → InputError", async (value) => {
    await expect(processor.preprocess(urls, { maxDecodingPixels: value })).rejects.toBeInstanceOf(InputError);
  });
});
