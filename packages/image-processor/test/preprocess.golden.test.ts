/**
 * `pixelValues` against HF's slow MobileNetV1ImageProcessor (re-implemented with PIL 9.4 + numpy by
 * test/fixtures/make_goldens.py, which checks itself against HF's real output), and against HF's
 * real `pixel_values` for the COCO cats image.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { type ImageProcessorOptions, MobileNetV1ImageProcessor } from "../src/index.js";
import {
  COCO_IMAGE,
  HF_CHECKPOINT_DIR,
  HF_REFERENCE_PIXEL_VALUES,
  readGoldens,
  sha256,
  sharedAvailable,
} from "./support/fixtures.js";
import { type GoldenInput, goldenImage, goldenInputPath } from "./support/golden-inputs.js";

interface PreprocessGolden {
  inputs: GoldenInput[];
  overrides: Record<string, unknown>;
  dims: number[];
  sha256: string;
  head: number[];
  sum: number;
}

/** HF's snake_case kwargs → our camelCase options. */
function toOptions(overrides: Record<string, unknown>): ImageProcessorOptions {
  return Object.fromEntries(
    Object.entries(overrides).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

const goldens = readGoldens<PreprocessGolden>("preprocess");
const processor = new MobileNetV1ImageProcessor();

describe("pixelValues equal HF's float pipeline bit for bit", () => {
  for (const g of goldens) {
    const name = `${g.inputs.map((i) => (i.kind === "random" ? `random ${i.width}×${i.height}×${i.channels}` : i.path)).join(" + ")} ${JSON.stringify(g.overrides)}`;
    test(name, async () => {
      if (g.inputs.some((i) => i.kind === "shared") && !sharedAvailable(COCO_IMAGE)) return;
      const options = toOptions(g.overrides);
      // Random inputs are raw pixels (preprocessPixels); files go through decoding (preprocess).
      const out = g.inputs.every((i) => i.kind === "random")
        ? processor.preprocessPixels(await Promise.all(g.inputs.map(goldenImage)), options)
        : await processor.preprocess(
            g.inputs.map((i) => goldenInputPath(i as Exclude<GoldenInput, { kind: "random" }>)),
            options,
          );
      expect(out.pixelValues.dims).toEqual(g.dims);
      expect([...out.pixelValues.data.slice(0, g.head.length)]).toEqual(g.head.map(Math.fround));
      expect(sha256(out.pixelValues.data)).toBe(g.sha256);
    });
  }
});

describe("HF's real pixel_values (transformers + PIL) for the COCO cats image", () => {
  test("fromPretrained(checkpoint) + preprocess(path): max |Δ| = 0 (≤ 1e-6 required)", async () => {
    if (!sharedAvailable(COCO_IMAGE, HF_REFERENCE_PIXEL_VALUES, HF_CHECKPOINT_DIR)) return;
    const reference = new Float32Array(new Uint8Array(readFileSync(HF_REFERENCE_PIXEL_VALUES)).buffer);
    const hf = await MobileNetV1ImageProcessor.fromPretrained(HF_CHECKPOINT_DIR);
    const { pixelValues } = await hf.preprocess(COCO_IMAGE);
    expect(pixelValues.dims).toEqual([1, 3, 224, 224]);
    let maxDelta = 0;
    for (let i = 0; i < reference.length; i++)
      maxDelta = Math.max(maxDelta, Math.abs(pixelValues.data[i]! - reference[i]!));
    expect(maxDelta).toBe(0);
  });
});
