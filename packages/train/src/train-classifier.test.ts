import { MobileNetError, Tensor } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import { describe, expect, it } from "vitest";
import { EmptyClassError, LabelCollisionError, TooFewClassesError } from "./errors.js";
import { trainClassifier } from "./train-classifier.js";

/** An extractor whose "bad…" images are unreadable and whose other images are their own 2-value embedding. */
function fakeExtractor() {
  const calls: unknown[][] = [];
  const run = async (images: unknown[]) => {
    calls.push(images);
    const data: number[] = [];
    for (const image of images) {
      if (typeof image === "string" && image.startsWith("bad"))
        throw new MobileNetError("IMAGE_SOURCE", `${image}: not found`);
      data.push(...(image as [number, number]));
    }
    return new Tensor({ dims: [images.length, 2], data: Float32Array.from(data) });
  };
  return { extractor: run as unknown as ImageFeatureExtractionPipeline, calls };
}

describe("trainClassifier: data errors", () => {
  it("checks labels before reading any image", async () => {
    const { extractor, calls } = fakeExtractor();
    const colliding = [
      { image: [0, 1], label: "Dog" },
      { image: [1, 0], label: "dog" },
    ];
    await expect(trainClassifier({ extractor, examples: colliding })).rejects.toBeInstanceOf(
      LabelCollisionError,
    );
    await expect(
      trainClassifier({ extractor, examples: [{ image: [0, 1], label: "dog" }] }),
    ).rejects.toBeInstanceOf(TooFewClassesError);
    await expect(
      trainClassifier({ extractor, examples: [{ image: [0, 1], label: "dog" }], classNames: ["dog", "cat"] }),
    ).rejects.toMatchObject({ code: "TRAIN_EMPTY_CLASS", className: "cat", reason: "no-examples" });
    await expect(trainClassifier({ extractor, examples: "x" as never })).rejects.toMatchObject({
      code: "INPUT_INVALID",
    });
    expect(calls).toEqual([]);
  });

  it("refuses a class whose every image was unreadable, after reporting the skips", async () => {
    const { extractor } = fakeExtractor();
    const skipped: number[] = [];
    const run = trainClassifier({
      extractor,
      examples: [
        { image: [0, 1], label: "dog" },
        { image: [0, 2], label: "dog" },
        { image: "bad-1.png", label: "cat" },
        { image: "bad-2.png", label: "cat" },
      ],
      onSkip: (s) => skipped.push(s.index),
    });
    await expect(run).rejects.toBeInstanceOf(EmptyClassError);
    await expect(run).rejects.toMatchObject({ className: "cat", reason: "all-skipped" });
    expect(skipped).toEqual([2, 3]);
  });
});
