// Throughput at batch 1, 8 and 32, side by side in one process: images per second end to end (one call
// with a list of N image files: read, decode, preprocess, one batched inference, top-5 each) and for the
// model alone (one batched inference on a ready input), for ours, transformers.js and tfjs wasm on the
// same weights (see peers.bench.mjs for what each runner is). tfjs' pure-JS cpu backend is left out: at
// seconds per image, a batch of 32 takes over a minute.
// Usage: node apps/cli/bench/throughput.bench.mjs (after build). Env: BENCH_ROUNDS (batch 1; default 24).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchImages } from "@mobilenetv1/bench-support/bench-images";
import { fmt, interleave, table } from "@mobilenetv1/bench-support/stats";
import { createTfjsClassifier } from "@mobilenetv1/bench-support/tfjs-classifier";
import { createTransformersJsClassifier } from "@mobilenetv1/bench-support/transformers-js-classifier";
import { createOurClassifier } from "./lib/ours-classifier.mjs";
import { prepareModels } from "./lib/prepare-models.mjs";

const BATCHES = [1, 8, 32];
const rounds = Number(process.env.BENCH_ROUNDS ?? 24);
const work = mkdtempSync(join(tmpdir(), "mobilenetv1-throughput-"));
const [png] = await benchImages();
const models = await prepareModels({ work });

const rows = [];
let names = [];
for (const m of models) {
  const runners = [
    await createOurClassifier({ dir: m.dir }),
    await createTransformersJsClassifier(m.tjs),
    await createTfjsClassifier({ backend: "wasm", source: m.tfjs, labels: m.labels }),
  ];
  names = runners.map((r) => r.name);
  for (const batch of BATCHES) {
    process.stderr.write(`throughput: ${m.name}, batch ${batch}\n`);
    const paths = Array.from({ length: batch }, () => png.path);
    const inputs = await Promise.all(runners.map((r) => r.prepareInput(batch, png.path)));
    const t = await interleave({
      cases: runners.flatMap((r, i) => [
        { name: `${r.name}|e2e`, run: () => r.classify(paths) },
        { name: `${r.name}|alone`, run: () => r.infer(inputs[i]) },
      ]),
      rounds: Math.max(3, Math.round(rounds / batch)),
      warmup: 1,
    });
    const perSecond = (key) => (1000 * batch) / t[key].ms;
    const [ours, tjs] = runners.map((r) => r.name);
    rows.push([
      m.name,
      batch,
      ...runners.flatMap((r) => [fmt(perSecond(`${r.name}|e2e`), 1), fmt(perSecond(`${r.name}|alone`), 1)]),
      fmt(t[`${tjs}|e2e`].ms / t[`${ours}|e2e`].ms),
    ]);
  }
  for (const r of runners) await r.dispose();
}

console.log(
  `Images per second (median of interleaved rounds: ${rounds} at batch 1, fewer for larger batches), ` +
    `PNG 640×480 (${png.name}); Node ${process.version}, ${process.platform}/${process.arch}.\n`,
);
console.log(
  table(
    [
      "model",
      "batch",
      ...names.flatMap((n) => [`${n} e2e img/s`, `${n} model img/s`]),
      "transformers.js ÷ ours (e2e time)",
    ],
    rows,
  ),
);
rmSync(work, { recursive: true, force: true });
