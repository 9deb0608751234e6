import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import "@mobilenetv1/backend-node";
import { pipeline } from "@mobilenetv1/pipeline";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, describe, expect, it } from "vitest";
import { FASHION_MNIST_DIR, FASHION_MNIST_FILES } from "../scripts/fashion-mnist.mjs";
import { readImageFolder } from "../src/image-folder/index.js";
import { extractEmbeddings, fitClassifierHead } from "../src/index.js";
import { accuracy, predictWithHead } from "./predict-with-head.js";

const HERE = import.meta.dirname;
const BUILDER = join(HERE, "../scripts/build-fashion-mnist-folders.mjs");

/** Debian's Fashion-MNIST, with requireShared's rule: missing on CI (.ci/run installs it) fails, elsewhere skips. */
function requireFashionMnist(ctx: { skip: (note: string) => never }): string {
  const files = FASHION_MNIST_FILES.map((f) => join(FASHION_MNIST_DIR, `${f}-ubyte.gz`));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return FASHION_MNIST_DIR;
  const reason = `${missing.join(", ")} missing (apt-get install dataset-fashion-mnist)`;
  if (process.env.CI === "true") throw new Error(`${reason}; on CI the data set is required`);
  return ctx.skip(`skipped: ${reason}`);
}

interface Reference {
  logisticRegression: { testAccuracy: number };
  knn: { testAccuracy: number };
  split: { trainCount: number; testCount: number };
  features: { testIndices: number[]; values: number[][] };
}

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe("Fashion-MNIST: keras 0.75 embeddings + fitClassifierHead vs scikit-learn (reference.json)", () => {
  it("matches HF's pooled features and scores within 1.5 points of LogisticRegression, 3+ above kNN(5)", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const data = requireFashionMnist(ctx);
    const reference = JSON.parse(
      await readFile(join(HERE, "fixtures/fashion-mnist/reference.json"), "utf8"),
    ) as Reference;
    const out = await mkdtemp(join(tmpdir(), "fashion-mnist-"));
    temps.push(out);
    await promisify(execFile)(process.execPath, [BUILDER, "--out", out, "--data", data]);
    const train = await readImageFolder({ dir: join(out, "train") });
    const test = await readImageFolder({ dir: join(out, "test") });
    expect(train.examples).toHaveLength(reference.split.trainCount);
    expect(test.examples).toHaveLength(reference.split.testCount);

    // One extraction of all 2000 images.
    const extractor = await pipeline("image-feature-extraction", model, { backend: "node" });
    const images = [...train.examples, ...test.examples].map((e) => e.image);
    const { embeddings, numFeatures, kept, skipped } = await extractEmbeddings({
      extractor,
      images,
      batchSize: 32,
    });
    await extractor.dispose();
    expect(skipped).toEqual([]);
    expect(kept).toHaveLength(images.length);
    expect(numFeatures).toBe(768);
    const row = (i: number) => embeddings.subarray(i * numFeatures, (i + 1) * numFeatures);

    // HF's pooler_output of the first test images (named by their t10k index).
    reference.features.testIndices.forEach((t10kIndex, k) => {
      const at = test.examples.findIndex((e) => Number(basename(e.image, ".png")) === t10kIndex);
      expect(at, `test image ${t10kIndex}`).toBeGreaterThanOrEqual(0);
      const ours = row(train.examples.length + at);
      const worst = Math.max(...reference.features.values[k]!.map((v, j) => Math.abs(v - ours[j]!)));
      expect(worst, `test image ${t10kIndex}`).toBeLessThan(1e-4); // measured: at most 3.2e-5 (rounding to 1e-6 included)
    });

    const nTrain = train.examples.length;
    const head = await fitClassifierHead({
      embeddings: embeddings.subarray(0, nTrain * numFeatures),
      numFeatures,
      labels: train.examples.map((e) => e.label),
    });
    const predicted = predictWithHead({ head, embeddings: embeddings.subarray(nTrain * numFeatures) });
    const ours = accuracy({ predicted, actual: test.examples.map((e) => e.label) });
    const lr = reference.logisticRegression.testAccuracy;
    const knn = reference.knn.testAccuracy;
    ctx.annotate(`test accuracy: ours ${ours}, sklearn LogisticRegression ${lr}, kNN(5) ${knn}`);
    expect(ours).toBeGreaterThanOrEqual(lr - 0.015);
    expect(ours).toBeGreaterThanOrEqual(knn + 0.03);
  }, 600_000);
});
