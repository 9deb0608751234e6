import { describe, expect, it } from "vitest";
import { abbreviate, formatConfusionMatrix, printable } from "./confusion-table.js";
import { classCounts, formatTrainReport, skippedImageWarning, type TrainReport } from "./train-report.js";

const FASHION = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];

/** A 10-class matrix: `hit` on the diagonal, small counts elsewhere. */
function matrix(hit: number): number[][] {
  return FASHION.map((_, i) => FASHION.map((_, j) => (i === j ? hit : (i + j) % 3)));
}

describe("formatConfusionMatrix", () => {
  it("rows are actual classes, columns predicted, with each row's accuracy", () => {
    const text = formatConfusionMatrix({
      classNames: ["cat", "dog"],
      matrix: [
        [3, 1],
        [0, 4],
      ],
    });
    expect(text).toBe("       cat  dog  accuracy\n  cat    3    1    75.0 %\n  dog    0    4   100.0 %\n");
  });

  it("abbreviates column headers of long names so 10 classes fit 100 columns", () => {
    const text = formatConfusionMatrix({ classNames: FASHION, matrix: matrix(95) });
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/T-sh… +Trou… +Pull… +Dress +Coat +Sand… +Shirt +Snea… +Bag +Ankl… +accuracy$/);
    // Row labels keep the full names; the row of "Dress": 95 on the diagonal of 104.
    expect(lines[4]).toMatch(/^ {2}Dress +0 +1 +2 +95 +1 +2 +0 +1 +2 +0 +91\.3 %$/);
  });

  it("heads columns by index when the names would not fit, and numbers the rows", () => {
    const text = formatConfusionMatrix({ classNames: FASHION, matrix: matrix(95), maxWidth: 60 });
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ +0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +accuracy$/);
    expect(lines[10]).toMatch(/^ {2}9 Ankle… +0 +1 /);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("keeps short names that fit whole, however short", () => {
    const text = formatConfusionMatrix({
      classNames: ["a", "b"],
      matrix: [
        [4, 0],
        [1, 3],
      ],
    });
    expect(text).toBe("     a  b  accuracy\n  a  4  0   100.0 %\n  b  1  3    75.0 %\n");
  });

  it("heads columns by index when abbreviations clash", () => {
    const names = ["positive_examples_a", "positive_examples_b"];
    const text = formatConfusionMatrix({
      classNames: names,
      matrix: [
        [1, 0],
        [0, 1],
      ],
      maxWidth: 40,
    });
    expect(text.split("\n")[0]).toMatch(/^ +0 +1 +accuracy$/);
  });

  it("shows '-' for a class with no images in the split, never NaN", () => {
    const text = formatConfusionMatrix({
      classNames: ["a", "b"],
      matrix: [
        [2, 0],
        [0, 0],
      ],
    });
    expect(text).not.toContain("NaN");
    expect(text.split("\n")[2]).toMatch(/ -$/);
  });

  it("prints control characters of folder names as U+FFFD", () => {
    const text = formatConfusionMatrix({
      classNames: ["a\u001b[2J", "b"],
      matrix: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(text).not.toContain("\u001b");
    expect(printable({ text: "x\ny\u009b" })).toBe("x\uFFFDy\uFFFD");
    expect(abbreviate({ text: "Ankle boot", width: 5 })).toBe("Ankl…");
    expect(abbreviate({ text: "Bag", width: 5 })).toBe("Bag");
  });
});

describe("the end report", () => {
  const report: TrainReport = {
    folder: "/data/pets",
    model: "google/mobilenet_v1_0.25_224",
    backend: "node",
    out: "/models/pets",
    classes: classCounts({
      classNames: ["cat", "dog"],
      trainConfusion: [
        [9, 0],
        [1, 8],
      ],
      valConfusion: [
        [1, 0],
        [0, 1],
      ],
    }),
    skipped: [{ image: "/data/pets/dog/bad.png", code: "IMAGE_DECODE", message: "not a PNG" }],
    iterations: 42,
    stoppedEarly: true,
    trainAccuracy: 17 / 18,
    valAccuracy: 1,
    valConfusion: [
      [1, 0],
      [0, 1],
    ],
    trainConfusion: [
      [9, 0],
      [1, 8],
    ],
    settings: { valSplit: 0.1, seed: 0, batchSize: 16 },
    timings: { load: 1, train: 2 },
  };

  it("counts each class's images per split from the confusion matrices' rows", () => {
    expect(report.classes).toEqual([
      { name: "cat", images: 10, train: 9, validation: 1 },
      { name: "dog", images: 10, train: 9, validation: 1 },
    ]);
    expect(classCounts({ classNames: ["a"], trainConfusion: [[3]] })).toEqual([
      { name: "a", images: 3, train: 3, validation: 0 },
    ]);
  });

  it("says classes with counts, both accuracies, the matrix, the skipped count and the folder", () => {
    const text = formatTrainReport({ report });
    expect(text).toContain(
      "trained a 2-class head on 20 images (18 train, 2 validation), 42 iterations (stopped early)",
    );
    expect(text).toMatch(/^ {2}cat +10 +9 +1$/m);
    expect(text).toContain("train accuracy:      94.4 %");
    expect(text).toContain("validation accuracy: 100.0 %");
    expect(text).toContain("validation confusion matrix (rows: actual class, columns: predicted class):");
    expect(text).toContain("skipped 1 unreadable image (one warning line each on stderr)");
    expect(text.trimEnd().split("\n").at(-1)).toBe("model written to /models/pets");
  });

  it("without a validation split, says so instead of a matrix", () => {
    const { valAccuracy: _a, valConfusion: _c, ...rest } = report;
    const text = formatTrainReport({ report: { ...rest, skipped: [] } });
    expect(text).toContain("validation accuracy: - (no validation split)");
    expect(text).not.toContain("confusion");
    expect(text).not.toContain("skipped");
  });

  it("a skipped image is one warning line naming the path, the code and the reason", () => {
    expect(skippedImageWarning(report.skipped[0]!)).toBe(
      "warning: skipped /data/pets/dog/bad.png: [IMAGE_DECODE] not a PNG\n",
    );
    expect(skippedImageWarning({ image: "/d/a\nb.png", code: "IMAGE_DECODE", message: "x" })).toMatch(
      /^warning: skipped \/d\/a\uFFFDb\.png: \[IMAGE_DECODE\] x\n$/,
    );
  });
});
