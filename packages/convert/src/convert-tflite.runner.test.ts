import { readFile } from "node:fs/promises";
import { createNodeBackend } from "@mobilenetv1/backend-node";
import { MobileNetV1ForImageClassification, Tensor } from "@mobilenetv1/core";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { runTflite } from "../test/tflite-interpreter.js";
import { convertTflite } from "./convert-tflite.js";
import { readTflite } from "./tflite-reader.js";

// The independent check for the TFLite model: test/tflite-interpreter.ts runs the .tflite file's own
// operator list (NHWC, folded filters and biases, TFLite's padding rules) — no HF layout involved — and
// PROVENANCE.md of the .tflite gives a NumPy run's top-3 on the same preprocessed cats image.
const tflite = requireShared(
  "weights/tfhub_mobilenet_v1_0.25_224.tflite/mobilenet_v1_0.25_224_1_default_1.tflite",
);
const pixelsFile = requireShared("hf/keras_mobilenet_v1_0.75_224/reference_pixel_values.bin");

describe.skipIf(!tflite || !pixelsFile)("converted TFLite 0.25 vs the TFLite graph run as stored", () => {
  it("classifies the cats image with the same top-5 and probabilities, and PROVENANCE.md's top-3", async () => {
    const bytes = await readFile(pixelsFile!);
    const nchw = new Float32Array(new Uint8Array(bytes).buffer);
    const nhwc = new Float32Array(nchw.length);
    for (let c = 0; c < 3; c++)
      for (let p = 0; p < 224 * 224; p++) nhwc[p * 3 + c] = nchw[c * 224 * 224 + p]!;

    const graph = readTflite({ bytes: new Uint8Array(await readFile(tflite!)) });
    const ran = runTflite({ graph, input: { dims: [1, 224, 224, 3], data: nhwc } });
    const probs = ran.get(graph.outputs[0]!)!.data;
    const tfliteTop5 = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!).slice(0, 5);

    const converted = await convertTflite({ file: tflite! });
    const model = await MobileNetV1ForImageClassification.fromStateDict({
      config: converted.config,
      stateDict: converted.stateDict,
      backend: createNodeBackend(),
    });
    const { logits } = await model.forward({
      pixelValues: new Tensor({ dims: [1, 3, 224, 224], data: nchw }),
    });
    const top5 = model.topK({ logits, k: 5 })[0]!;
    expect(top5.map((p) => p.index)).toEqual(tfliteTop5);
    for (const [i, p] of top5.entries())
      expect(Math.abs(p.score - probs[tfliteTop5[i]!]!)).toBeLessThan(1e-5);

    // PROVENANCE.md: 282 tabby 0.9221, 283 tiger cat 0.0366, 286 Egyptian cat 0.0288 (1001 classes).
    expect(top5.slice(0, 3).map((p) => [p.index, p.label])).toEqual([
      [282, "tabby, tabby cat"],
      [283, "tiger cat"],
      [286, "Egyptian cat"],
    ]);
    for (const [i, score] of [0.9221, 0.0366, 0.0288].entries()) expect(top5[i]!.score).toBeCloseTo(score, 4);
    await model.dispose();
  });
});
