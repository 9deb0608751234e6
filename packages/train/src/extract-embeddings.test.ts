import { BackendError, MobileNetError, Tensor } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import { describe, expect, it } from "vitest";
import { NoUsableImagesError } from "./errors.js";
import { extractEmbeddings, type SkippedImage } from "./extract-embeddings.js";

/**
 * A stand-in extractor: image n (a number) has the embedding [n, 10n, 100n]; "bad" images fail the way the
 * image processor fails on an unreadable image; "backend" fails like a backend. Records each call's size.
 */
function fakeExtractor() {
  const calls: number[] = [];
  const run = async (images: unknown[], options: { pool?: boolean }) => {
    expect(options.pool).toBe(true);
    calls.push(images.length);
    const data: number[] = [];
    for (const image of images) {
      if (image === "bad") throw new MobileNetError("IMAGE_DECODE", "bad: not an image");
      if (image === "backend") throw new BackendError({ message: "the backend died" });
      const n = image as number;
      data.push(n, 10 * n, 100 * n);
    }
    return new Tensor({ dims: [images.length, 3], data: Float32Array.from(data) });
  };
  return { extractor: run as unknown as ImageFeatureExtractionPipeline, calls };
}

describe("extractEmbeddings", () => {
  it("runs in batches, reports progress, and keeps rows in image order", async () => {
    const { extractor, calls } = fakeExtractor();
    const progress: { done: number; total: number }[] = [];
    const r = await extractEmbeddings({
      extractor,
      images: [1, 2, 3, 4, 5],
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(calls).toEqual([2, 2, 1]);
    expect(progress).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ]);
    expect(r.numFeatures).toBe(3);
    expect(r.kept).toEqual([0, 1, 2, 3, 4]);
    expect([...r.embeddings]).toEqual([1, 10, 100, 2, 20, 200, 3, 30, 300, 4, 40, 400, 5, 50, 500]);
    expect(r.skipped).toEqual([]);
  });

  it("skips unreadable images with a warning each, retrying their batch image by image", async () => {
    const { extractor, calls } = fakeExtractor();
    const skips: (SkippedImage & { image: unknown })[] = [];
    const r = await extractEmbeddings({
      extractor,
      images: [1, "bad", 3, 4],
      batchSize: 3,
      onSkip: (s) => skips.push(s),
    });
    expect(calls).toEqual([3, 1, 1, 1, 1]); // the failed batch, its three images alone, then the last batch
    expect(r.kept).toEqual([0, 2, 3]);
    expect([...r.embeddings]).toEqual([1, 10, 100, 3, 30, 300, 4, 40, 400]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ index: 1, error: { code: "IMAGE_DECODE" } });
    expect(skips).toEqual([{ ...r.skipped[0], image: "bad" }]);
  });

  it("warns on the console by default, naming the image", async () => {
    const { extractor } = fakeExtractor();
    const lines: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => lines.push(line);
    try {
      await extractEmbeddings({ extractor, images: [1, "bad"] });
    } finally {
      console.warn = original;
    }
    expect(lines).toEqual(["skipped image 1 (bad): bad: not an image"]);
  });

  it("fails when nothing is readable, and on errors that are not about an image", async () => {
    const { extractor } = fakeExtractor();
    const none = extractEmbeddings({ extractor, images: ["bad", "bad"], onSkip: () => {} });
    await expect(none).rejects.toBeInstanceOf(NoUsableImagesError);
    await expect(extractEmbeddings({ extractor, images: ["bad"], onSkip: () => {} })).rejects.toMatchObject({
      code: "TRAIN_NO_IMAGES",
      total: 1,
      firstError: { code: "IMAGE_DECODE" },
    });
    await expect(extractEmbeddings({ extractor, images: [] })).rejects.toMatchObject({
      code: "TRAIN_NO_IMAGES",
      total: 0,
    });
    await expect(extractEmbeddings({ extractor, images: [1, "backend"] })).rejects.toBeInstanceOf(
      BackendError,
    );
    await expect(extractEmbeddings({ extractor, images: [1], batchSize: 0 })).rejects.toMatchObject({
      code: "INPUT_INVALID",
      argument: "batchSize",
    });
  });

  it("stops between batches when the signal is aborted", async () => {
    const { extractor, calls } = fakeExtractor();
    const controller = new AbortController();
    const run = extractEmbeddings({
      extractor,
      images: [1, 2, 3, 4],
      batchSize: 1,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 2) controller.abort(new Error("cancelled"));
      },
    });
    await expect(run).rejects.toThrow("cancelled");
    expect(calls).toEqual([1, 1]);
  });
});
