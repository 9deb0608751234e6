// @mobilenetv1/train on Fashion-MNIST (the #15 split: 100 train images per class, the first 1000 test
// images) with keras_mobilenet_v1_0.75_224 features (C = 768): extraction speed, the fit's time
// (target: ≤ 2 s for 1000 × 768 × 10 on 2 cores, held on the fit's CPU time: it runs on one thread), and test accuracy next to scikit-learn's
// LogisticRegression(C=1.0, lbfgs) on the same embeddings (target: within 1.5 points). sklearn's numbers
// come from fashion-mnist-sklearn.json, made by sklearn_fashion_mnist.py from embeddings this script dumps
// (BENCH_TRAIN_DUMP=<dir>). Prints a markdown table; exits 1 when a target is missed.
// Usage: node packages/train/bench/train.bench.mjs (after `pnpm build`). Env: MOBILENET_SHARED_DIR,
// MOBILENET_FASHION_MNIST_DIR, BENCH_TRAIN_ROUNDS (fit timings, default 5), BENCH_TRAIN_DUMP.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import "@mobilenetv1/backend-node";
import { shared } from "@mobilenetv1/bench-support/shared-dir";
import { interleave, timed } from "@mobilenetv1/bench-support/stats";
import { pipeline } from "@mobilenetv1/pipeline";
import { extractEmbeddings, fitClassifierHead } from "@mobilenetv1/train";
import { extractionRates, knnAccuracy } from "./embedding-bench.mjs";
import { FASHION_MNIST_CLASSES, fashionMnistSplit } from "./fashion-mnist-data.mjs";

const FIT_TARGET_MS = 2000;
const ACCURACY_GAP_POINTS = 1.5;
const rounds = Number(process.env.BENCH_TRAIN_ROUNDS ?? 5);

const { train, test } = fashionMnistSplit();
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

if (process.env.BENCH_TRAIN_DUMP) {
  const dir = process.env.BENCH_TRAIN_DUMP;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "train.f32"), embeddings);
  writeFileSync(join(dir, "test.f32"), testRun.value.embeddings);
  const index = (l) => FASHION_MNIST_CLASSES.indexOf(l);
  writeFileSync(
    join(dir, "labels.json"),
    JSON.stringify({ train: labels.map(index), test: test.map((e) => index(e.label)), numFeatures }),
  );
}

const sklearn = JSON.parse(readFileSync(new URL("./fashion-mnist-sklearn.json", import.meta.url), "utf8"));
// sklearn on HF's own features (torch, make_reference.py): the yardstick of the accuracy test.
const reference = JSON.parse(
  readFileSync(new URL("../test/fixtures/fashion-mnist/reference.json", import.meta.url), "utf8"),
);

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

// `gated`: held to the targets. The patience row is there to show what early stopping on the validation
// loss costs on this data (why it is off by default).
const CASES = {
  "defaults (valSplit 0.1, no early stopping)": { options: {}, gated: true },
  "valSplit 0 (all 1000 rows, as sklearn)": { options: { valSplit: 0 }, gated: true },
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

const sklearnPoints = sklearn.testAccuracy * 100;
const lines = [
  `train: Fashion-MNIST, ${train.length} train / ${test.length} test images, keras 0.75 features (C = ${numFeatures}); fit: median of ${rounds}, interleaved; targets: fit ≤ ${FIT_TARGET_MS} ms, test accuracy within ${ACCURACY_GAP_POINTS} points of sklearn's ${sklearnPoints.toFixed(1)} %`,
  "",
  `extraction: ${(train.length / (trainRun.ms / 1000)).toFixed(0)} images/s (batch 32, 28×28 gray → 224×224 RGB)`,
  `extraction speed (${SPEED_IMAGES} test images, median of ${rounds}, interleaved): ${rates.map((r) => `batch ${r.batchSize}: ${r.imagesPerSecond.toFixed(1)} images/s`).join(", ")}`,
  "",
  "| fit | median ms | median CPU ms | iterations | stopped early | val acc | test acc | vs sklearn |",
  "| --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: |",
];
const missed = [];
for (const [name, { gated }] of Object.entries(CASES)) {
  const head = heads[name];
  const ms = timings[name].ms;
  const cpuMs = timings[name].stages.cpu;
  const points = testAccuracy(head) * 100;
  const gap = points - sklearnPoints;
  const val = head.report.valAccuracy === undefined ? "–" : `${(head.report.valAccuracy * 100).toFixed(1)} %`;
  lines.push(
    `| ${name} | ${ms.toFixed(0)} | ${cpuMs.toFixed(0)} | ${head.report.iterations} | ${head.report.stoppedEarly ? "yes" : "no"} | ${val} | ${points.toFixed(1)} % | ${gap >= 0 ? "+" : ""}${gap.toFixed(1)} |`,
  );
  if (!gated) continue;
  // The fit runs on one thread, so its CPU time is what it takes on a free core; the wall time on this
  // shared machine also counts the other processes' turns. The target is held on the CPU time.
  if (cpuMs > FIT_TARGET_MS) missed.push(`${name}: fit ${cpuMs.toFixed(0)} CPU ms > ${FIT_TARGET_MS} ms`);
  if (gap < -ACCURACY_GAP_POINTS)
    missed.push(`${name}: test accuracy ${gap.toFixed(1)} points below sklearn`);
}
const oursKnn = knnAccuracy({
  train: embeddings,
  trainLabels: labels,
  test: testRun.value.embeddings,
  testLabels: test.map((e) => e.label),
  numFeatures,
});
const oursDefault = testAccuracy(heads[Object.keys(CASES)[0]]);
const pct = (x) => `${(x * 100).toFixed(1)} %`;
lines.push(
  "",
  "| test accuracy (1000 t10k images) | features | accuracy |",
  "| --- | --- | ---: |",
  `| ours: fitClassifierHead, defaults | ours (onnxruntime) | ${pct(oursDefault)} |`,
  `| ours: kNN(5) | ours (onnxruntime) | ${pct(oursKnn)} |`,
  `| sklearn ${reference.versions.sklearn} LogisticRegression (C=1, converged) | HF's (torch) | ${pct(reference.logisticRegression.testAccuracy)} |`,
  `| sklearn ${reference.versions.sklearn} KNeighborsClassifier(5) | HF's (torch) | ${pct(reference.knn.testAccuracy)} |`,
);
if (oursDefault < reference.logisticRegression.testAccuracy - ACCURACY_GAP_POINTS / 100)
  missed.push(
    `defaults: ${pct(oursDefault)} more than ${ACCURACY_GAP_POINTS} points below sklearn on HF's features`,
  );
if (oursDefault < reference.knn.testAccuracy + 0.03)
  missed.push(`defaults: ${pct(oursDefault)} less than 3 points above kNN(5) on HF's features`);
lines.push(
  "",
  `sklearn ${sklearn.sklearn} LogisticRegression(C=1.0, solver="lbfgs"): test ${sklearnPoints.toFixed(1)} %, ${sklearn.iterations} iterations, ${sklearn.fitMs.toFixed(0)} ms (fashion-mnist-sklearn.json)`,
);
console.log(lines.join("\n"));
if (missed.length > 0) {
  console.error(`targets missed:\n  ${missed.join("\n  ")}`);
  process.exit(1);
}
