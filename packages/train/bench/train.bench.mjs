// @mobilenetv1/train on Fashion-MNIST (the #15 split, from scripts/fashion-mnist.mjs: 100 train images per
// class, the first 1000 test images) with keras_mobilenet_v1_0.75_224 features (C = 768): extraction speed,
// the fit's time (target: ≤ 2 s for 1000 × 768 × 10 on 2 cores, held on the fit's CPU time: it runs on one
// thread) and test accuracy against THE reference, test/fixtures/fashion-mnist/reference.json (made by
// make_reference.py: scikit-learn's LogisticRegression(C=1.0, lbfgs) converged on HF's features; target:
// within 1.5 points, and 3 points above its kNN(5)). reference.json also holds sklearn with its default
// max_iter=100, the like-for-like of fitClassifierHead's default maxIter 100, shown beside it.
// Prints a markdown table; exits 1 when a target is missed.
// Usage: node packages/train/bench/train.bench.mjs (after `pnpm build`). Env: MOBILENET_SHARED_DIR,
// MOBILENET_FASHION_MNIST_DIR, BENCH_TRAIN_ROUNDS (fit timings, default 5).
import { readFileSync } from "node:fs";
import "@mobilenetv1/backend-node";
import { shared } from "@mobilenetv1/bench-support/shared-dir";
import { interleave, timed } from "@mobilenetv1/bench-support/stats";
import { pipeline } from "@mobilenetv1/pipeline";
import { extractEmbeddings, fitClassifierHead } from "@mobilenetv1/train";
import { fashionMnistSplit } from "../scripts/fashion-mnist.mjs";
import { extractionRates, knnAccuracy } from "./embedding-bench.mjs";

const FIT_TARGET_MS = 2000;
const ACCURACY_GAP_POINTS = 1.5;
const KNN_MARGIN_POINTS = 3;
const rounds = Number(process.env.BENCH_TRAIN_ROUNDS ?? 5);
const reference = JSON.parse(
  readFileSync(new URL("../test/fixtures/fashion-mnist/reference.json", import.meta.url), "utf8"),
);

const { train, test } = await fashionMnistSplit();
const extractor = await pipeline("image-feature-extraction", shared("hf/keras_mobilenet_v1_0.75_224"), {
  backend: "node",
});
process.stderr.write("train bench: extracting 2000 Fashion-MNIST embeddings\n");
const extract = (examples) =>
  extractEmbeddings({ extractor, images: examples.map((e) => e.image), batchSize: 32, onSkip: () => {} });
const trainRun = await timed(() => extract(train));
const testRun = await timed(() => extract(test));
process.stderr.write("train bench: extraction speed at batch 1 and 16\n");
const SPEED_IMAGES = 64;
const rates = await extractionRates({
  extractor,
  images: test.slice(0, SPEED_IMAGES).map((e) => e.image),
  batchSizes: [1, 16],
  rounds,
});
await extractor.dispose();
const { embeddings, numFeatures } = trainRun.value;
const labels = train.map((e) => e.label);

/** Test accuracy of a head: arg-max of W·x + b against the test labels. */
function testAccuracy(head) {
  const x = testRun.value.embeddings;
  const k = head.classNames.length;
  let right = 0;
  test.forEach((example, row) => {
    let best = 0;
    let bestLogit = Number.NEGATIVE_INFINITY;
    for (let cls = 0; cls < k; cls++) {
      let z = head.bias[cls];
      for (let j = 0; j < numFeatures; j++)
        z += head.weight[cls * numFeatures + j] * x[row * numFeatures + j];
      if (z > bestLogit) [best, bestLogit] = [cls, z];
    }
    if (head.classNames[best] === example.label) right++;
  });
  return right / test.length;
}

// `gated`: held to the targets. The defaults are maxIter 100, valSplit 0.1, no early stopping (patience
// unset). The patience row shows what early stopping on the validation loss costs on this data (why it is
// off by default); the maxIter 1000 row is the like-for-like of the converged reference.
const DEFAULTS = "defaults (maxIter 100, valSplit 0.1)";
const CASES = {
  [DEFAULTS]: { options: {}, gated: true },
  "valSplit 0 (all 1000 rows, as sklearn)": { options: { valSplit: 0 }, gated: true },
  "valSplit 0, maxIter 1000 (as the reference)": { options: { valSplit: 0, maxIter: 1000 }, gated: false },
  "patience 10 (early stopping on val loss)": { options: { patience: 10 }, gated: false },
};
const heads = {};
const timings = await interleave({
  rounds,
  warmup: 1,
  cases: Object.entries(CASES).map(([name, { options }]) => ({
    name,
    run: async () => {
      const cpu = process.cpuUsage();
      heads[name] = await fitClassifierHead({ embeddings, numFeatures, labels, ...options });
      const used = process.cpuUsage(cpu);
      return { stages: { cpu: (used.user + used.system) / 1000 } };
    },
  })),
});

const pct = (x) => `${(x * 100).toFixed(1)} %`;
const lr = reference.logisticRegression;
const lr100 = reference.logisticRegressionMaxIter100;
const referencePoints = lr.testAccuracy * 100;
const lines = [
  `train: Fashion-MNIST, ${train.length} train / ${test.length} test images, keras 0.75 features (C = ${numFeatures}); fit: median of ${rounds}, interleaved; targets: fit ≤ ${FIT_TARGET_MS} CPU ms, test accuracy within ${ACCURACY_GAP_POINTS} points of the reference (sklearn converged on HF's features, ${pct(lr.testAccuracy)})`,
  "",
  `extraction: ${(train.length / (trainRun.ms / 1000)).toFixed(0)} images/s (batch 32, 28×28 gray → 224×224 RGB)`,
  `extraction speed (${SPEED_IMAGES} test images, median of ${rounds}, interleaved): ${rates.map((r) => `batch ${r.batchSize}: ${r.imagesPerSecond.toFixed(1)} images/s`).join(", ")}`,
  "",
  "| fit | median ms | median CPU ms | iterations | stopped early | val acc | test acc | vs reference |",
  "| --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: |",
];
const missed = [];
for (const [name, { gated }] of Object.entries(CASES)) {
  const head = heads[name];
  const ms = timings[name].ms;
  const cpuMs = timings[name].stages.cpu;
  const points = testAccuracy(head) * 100;
  const gap = points - referencePoints;
  const val = head.report.valAccuracy === undefined ? "–" : pct(head.report.valAccuracy);
  lines.push(
    `| ${name}${gated ? "" : " (not gated)"} | ${ms.toFixed(0)} | ${cpuMs.toFixed(0)} | ${head.report.iterations} | ${head.report.stoppedEarly ? "yes" : "no"} | ${val} | ${points.toFixed(1)} % | ${gap >= 0 ? "+" : ""}${gap.toFixed(1)} |`,
  );
  if (!gated) continue;
  // The fit runs on one thread, so its CPU time is what it takes on a free core; the wall time on this
  // shared machine also counts the other processes' turns. The target is held on the CPU time.
  if (cpuMs > FIT_TARGET_MS) missed.push(`${name}: fit ${cpuMs.toFixed(0)} CPU ms > ${FIT_TARGET_MS} ms`);
  if (gap < -ACCURACY_GAP_POINTS)
    missed.push(`${name}: test accuracy ${gap.toFixed(1)} points below the reference`);
}
const oursKnn = knnAccuracy({
  train: embeddings,
  trainLabels: labels,
  test: testRun.value.embeddings,
  testLabels: test.map((e) => e.label),
  numFeatures,
});
const oursDefault = testAccuracy(heads[DEFAULTS]);
const sk = `sklearn ${reference.versions.sklearn}`;
lines.push(
  "",
  "| test accuracy (1000 t10k images) | features | accuracy |",
  "| --- | --- | ---: |",
  `| ours: fitClassifierHead, ${DEFAULTS} | ours (onnxruntime) | ${pct(oursDefault)} |`,
  `| ours: kNN(5) | ours (onnxruntime) | ${pct(oursKnn)} |`,
  `| ${sk} ${lr.params}, ${lr.iterations} iterations: the reference | HF's (torch) | ${pct(lr.testAccuracy)} |`,
  `| ${sk} ${lr100.params}, ${lr100.converged ? "converged" : "not converged"}, ${lr100.fitMs.toFixed(0)} ms | HF's (torch) | ${pct(lr100.testAccuracy)} |`,
  `| ${sk} ${reference.knn.params} | HF's (torch) | ${pct(reference.knn.testAccuracy)} |`,
);
if (oursDefault < reference.knn.testAccuracy + KNN_MARGIN_POINTS / 100)
  missed.push(
    `defaults: ${pct(oursDefault)} less than ${KNN_MARGIN_POINTS} points above the reference's kNN(5)`,
  );
console.log(lines.join("\n"));
if (missed.length > 0) {
  console.error(`targets missed:\n  ${missed.join("\n  ")}`);
  process.exit(1);
}
