import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "@mobilenetv1/backend-node";
import { MODEL_FILES, MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { type ImageFeatureExtractionPipeline, pipeline } from "@mobilenetv1/pipeline";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ClassifierHead,
  classifierFromHead,
  EmbeddingShapeError,
  type SkippedImage,
  type TrainProgress,
  trainClassifier,
} from "../src/index.js";

const chelsea = join(import.meta.dirname, "../../../samples/chelsea.png");
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** Raw RGB pixels from a formula, deterministic: stripes and checkerboards of a few sizes and phases. */
function synthetic(kind: "stripes" | "checks", variant: number) {
  const width = 64 + 8 * variant;
  const height = 48 + 4 * variant;
  const data = new Uint8Array(width * height * 3);
  const period = 4 + variant;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const on =
        kind === "stripes"
          ? Math.floor((x + variant) / period) % 2 === 0
          : (Math.floor(x / period) + Math.floor(y / period)) % 2 === 0;
      const o = (y * width + x) * 3;
      data[o] = on ? 230 : 20 + 10 * variant;
      data[o + 1] = on ? 200 - 10 * variant : 30;
      data[o + 2] = on ? 40 : 220;
    }
  }
  return { data, width, height, channels: 3 as const };
}

/**
 * HF's state-dict keys, written from transformers' modeling_mobilenet_v1.py module tree (not from core's
 * parameter plan): `mobilenet_v1.conv_stem` and `mobilenet_v1.layer.0`–`25` are MobileNetV1ConvLayer (a
 * bias-free Conv2d `convolution`, a BatchNorm2d `normalization` with running stats and counter), then
 * `classifier`, an nn.Linear(last_hidden_size, num_labels).
 */
function hfClassifierKeys(): string[] {
  const layers = ["conv_stem", ...Array.from({ length: 26 }, (_, i) => `layer.${i}`)];
  const bn = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"];
  return [
    ...layers.flatMap((l) => [
      `mobilenet_v1.${l}.convolution.weight`,
      ...bn.map((b) => `mobilenet_v1.${l}.normalization.${b}`),
    ]),
    "classifier.weight",
    "classifier.bias",
  ].sort();
}

/** logits = W · pooled + b, in float64, from the head's own arrays. */
function headLogits(head: ClassifierHead, pooled: Float32Array): number[] {
  const c = head.numFeatures;
  return head.classNames.map((_, k) => {
    let z = head.bias[k]!;
    for (let j = 0; j < c; j++) z += head.weight[k * c + j]! * pooled[j]!;
    return z;
  });
}

/** A copy of a tensor's bytes. */
function bytesOf(w: Float32Array): Buffer {
  return Buffer.from(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
}

function snapshot(model: ImageFeatureExtractionPipeline["model"]): Map<string, Buffer> {
  return new Map([...model.weights].map(([key, w]) => [key, bytesOf(w)]));
}

describe.each([
  ["keras_mobilenet_v1_0.25_224", 256],
  ["keras_mobilenet_v1_0.75_224", 768],
])("trainClassifier on %s: a head on the frozen backbone, saved as an HF folder", (checkpoint, hidden) => {
  it("trains, skips the unreadable image, leaves the backbone alone, and round-trips through savePretrained", async (ctx) => {
    const dir = requireShared(`hf/${checkpoint}`, ctx);
    const cats = requireShared("images/000000039769.png", ctx);
    const tmp = await mkdtemp(join(tmpdir(), "train-e2e-"));
    made.push(tmp);
    const broken = join(tmp, "broken.png");
    await writeFile(broken, "not a png at all");
    const extractor = await pipeline("image-feature-extraction", dir, { backend: "node" });
    const before = snapshot(extractor.model);
    const examples = [
      { image: cats, label: "cat" },
      { image: chelsea, label: "cat" },
      { image: broken, label: "cat" },
      ...[0, 1, 2].map((v) => ({ image: synthetic("stripes", v), label: "stripes" })),
      ...[0, 1, 2].map((v) => ({ image: synthetic("checks", v), label: "checks" })),
    ];
    const progress: TrainProgress[] = [];
    const skips: SkippedImage[] = [];
    const { model, head, skipped } = await trainClassifier({
      extractor,
      examples,
      batchSize: 4,
      valSplit: 0,
      onProgress: (p) => progress.push(p),
      onSkip: (s) => skips.push(s),
    });

    expect(skipped.map((s) => [s.index, s.error.code])).toEqual([[2, "IMAGE_DECODE"]]);
    expect(skips).toHaveLength(1);
    expect(progress.filter((p) => p.stage === "extract")).toEqual([
      { stage: "extract", done: 4, total: 9 },
      { stage: "extract", done: 8, total: 9 },
      { stage: "extract", done: 9, total: 9 },
    ]);
    expect(progress.filter((p) => p.stage === "fit").length).toBe(head.report.iterations);
    expect(head.report.trainIndices).toEqual([0, 1, 3, 4, 5, 6, 7, 8]); // example indices, the broken one left out
    expect(head.report.trainAccuracy).toBe(1);
    expect(head.classNames).toEqual(["cat", "checks", "stripes"]);
    expect(head.numFeatures).toBe(hidden);

    // The backbone is untouched, byte for byte, and the new model shares exactly those weights.
    // (Buffer.equals, not toEqual: vitest's deep equality walks megabytes element by element.)
    const after = snapshot(extractor.model);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...before].filter(([key, bytes]) => !after.get(key)!.equals(bytes));
    const differsInModel = [...before].filter(
      ([key, bytes]) => !bytesOf(model.weights.get(key)!).equals(bytes),
    );
    expect({ changed, differsInModel }).toEqual({ changed: [], differsInModel: [] });

    expect(model.config.id2label).toEqual({ 0: "cat", 1: "checks", 2: "stripes" });
    expect(model.config.label2id).toEqual({ cat: 0, checks: 1, stripes: 2 });
    expect(model.config.numLabels).toBe(3);
    expect(model.config.depthMultiplier).toBe(extractor.model.config.depthMultiplier);

    // The model's logits are the head applied to the backbone's pooled features.
    const { pixelValues } = await extractor.processor.preprocess([cats]);
    const pooled = await extractor(cats, { pool: true });
    const { logits } = await model.forward({ pixelValues });
    expect(logits.dims).toEqual([1, 3]);
    const expected = headLogits(head, pooled.data as Float32Array);
    for (let k = 0; k < 3; k++) expect(logits.data[k]).toBeCloseTo(expected[k]!, 3);
    expect(model.topK({ logits, k: 1 })[0]![0]!.label).toBe("cat");

    // savePretrained → HF's key list and shapes, HF's config fields; fromPretrained → the same logits.
    const saved = join(tmp, "model");
    await model.savePretrained({ dir: saved });
    const { tensors: stateDict } = readSafetensors({
      bytes: new Uint8Array(await readFile(join(saved, MODEL_FILES.safetensors))),
    });
    expect([...stateDict.keys()].sort()).toEqual(hfClassifierKeys());
    expect(stateDict.get("classifier.weight")!.dims).toEqual([3, hidden]);
    expect(stateDict.get("classifier.bias")!.dims).toEqual([3]);
    expect([...(stateDict.get("classifier.bias")!.data as Float32Array)]).toEqual([...head.bias]);
    const config = JSON.parse(await readFile(join(saved, MODEL_FILES.config), "utf8"));
    expect(config).toMatchObject({
      architectures: ["MobileNetV1ForImageClassification"],
      model_type: "mobilenet_v1",
      id2label: { "0": "cat", "1": "checks", "2": "stripes" },
      label2id: { cat: 0, checks: 1, stripes: 2 },
      problem_type: "single_label_classification",
      depth_multiplier: extractor.model.config.depthMultiplier,
    });
    const reloaded = await MobileNetV1ForImageClassification.fromPretrained(saved, { backend: "node" });
    expect(reloaded.loadingInfo).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    expect((await reloaded.forward({ pixelValues })).logits.data).toEqual(logits.data);

    // For the Python check (packages/train/test/fixtures/check_hf_folder.py): the folder and these logits.
    const exportDir = process.env.MOBILENET_TRAIN_EXPORT_DIR;
    if (exportDir) {
      await model.savePretrained({ dir: join(exportDir, checkpoint) });
      await writeFile(
        join(exportDir, `${checkpoint}.logits.json`),
        JSON.stringify({ image: cats, logits: [...logits.data] }),
      );
    }

    // A head fitted on other features does not fit this backbone.
    const other: ClassifierHead = {
      ...head,
      numFeatures: hidden + 1,
      weight: new Float32Array(3 * (hidden + 1)),
    };
    await expect(classifierFromHead({ backbone: extractor.model, head: other })).rejects.toBeInstanceOf(
      EmbeddingShapeError,
    );
    await model.dispose();
    await reloaded.dispose();
    await extractor.dispose();
  }, 120_000); // real weights on a shared 2-core machine: loading and running two models, saving one
});
