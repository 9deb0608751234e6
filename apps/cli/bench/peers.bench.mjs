// This SDK against its peers, side by side in one process, same machine, same weights, same images:
//   ours            pipeline("image-classification") on backend-node (onnxruntime-node 1.30)
//   transformers.js image-classification pipeline on the ONNX graph our exportForTransformersJs writes
//                   (fp32, onnxruntime-node 1.30 too, so the model step compares like with like)
//   tfjs wasm/cpu   @tensorflow/tfjs running the original TF.js layers model (the 1.0 model: the Keras
//                   topology rescaled, with our state dict's weights)
// End to end = one call from an image file to the top-5 (read, decode, preprocess, infer, top-5); the
// stage columns time the same steps called one by one; "inference alone" runs the model on a ready input.
// Cases are interleaved round by round; medians. Usage: node apps/cli/bench/peers.bench.mjs (after build)
// Env: BENCH_ROUNDS (default 20), BENCH_TFJS_CPU_ROUNDS (default 3; tfjs' pure-JS cpu takes seconds/image).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchImages } from "@mobilenetv1/bench-support/bench-images";
import { fmt, interleave, table, top1 } from "@mobilenetv1/bench-support/stats";
import { createTfjsClassifier } from "@mobilenetv1/bench-support/tfjs-classifier";
import { createTransformersJsClassifier } from "@mobilenetv1/bench-support/transformers-js-classifier";
import { createOurClassifier } from "./lib/ours-classifier.mjs";
import { prepareModels } from "./lib/prepare-models.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const cpuRounds = Number(process.env.BENCH_TFJS_CPU_ROUNDS ?? 3);
const STREAM = 8;
const work = mkdtempSync(join(tmpdir(), "mobilenetv1-peers-"));
const log = (m) => process.stderr.write(`${m}\n`);

const images = await benchImages();
const models = await prepareModels({ work });
const out = [
  `Median ms per image over ${rounds} interleaved rounds (tfjs cpu: ${cpuRounds}); Node ${process.version}, ` +
    `${process.platform}/${process.arch}. "× ours" = that runner's end to end ÷ ours on the same image.`,
];
const summary = [];
let wasmInfo = {};

for (const m of models) {
  log(`peers: ${m.name}`);
  const runners = [
    await createOurClassifier({ dir: m.dir }),
    await createTransformersJsClassifier(m.tjs),
    await createTfjsClassifier({ backend: "wasm", source: m.tfjs, labels: m.labels }),
    await createTfjsClassifier({ backend: "cpu", source: m.tfjs, labels: m.labels }),
  ];
  const [ours, tjs] = runners;
  wasmInfo = runners[2].info();
  const slow = (r) => (r.name.endsWith(" cpu") ? { rounds: cpuRounds, warmup: 1 } : {});
  const inputs = await Promise.all(runners.map((r) => r.prepareInput(1, images[0].path)));
  const rows = [];
  for (const image of images) {
    log(`  ${image.name}`);
    const top5 = {};
    for (const r of runners) top5[r.name] = (await r.classify([image.path]))[0];
    // End to end and inference alone in the same rounds, so both see the same machine load.
    const stream = Array.from({ length: STREAM }, () => image.path);
    const timings = await interleave({
      cases: [
        ...runners.flatMap((r, i) => [
          { name: `${r.name}|e2e`, ...slow(r), run: () => r.classify([image.path]) },
          { name: `${r.name}|alone`, ...slow(r), run: () => r.infer(inputs[i]) },
        ]),
        // A list of files classified one model run per image, the next image decoded during inference.
        { name: "ours|stream", run: () => ours.classify(stream, { batchSize: 1 }) },
      ],
      rounds,
    });
    const streamed = timings["ours|stream"].ms / STREAM;
    const e2e = Object.fromEntries(runners.map((r) => [r.name, timings[`${r.name}|e2e`]]));
    const alone = Object.fromEntries(runners.map((r) => [r.name, timings[`${r.name}|alone`]]));
    const stages = await interleave({
      cases: runners.map((r) => ({ name: r.name, ...slow(r), run: () => r.stages(image.path) })),
      rounds,
    });
    for (const r of runners) {
      const s = stages[r.name].stages;
      rows.push([
        image.name,
        r.name,
        fmt(e2e[r.name].ms),
        fmt(s.decode),
        fmt(s.preprocess),
        fmt(s.model),
        fmt(s.topk),
        fmt(alone[r.name].ms),
        fmt(e2e[r.name].ms / alone[r.name].ms),
        fmt(e2e[r.name].ms / e2e[ours.name].ms),
        top1(top5[r.name]),
      ]);
    }
    rows.push([
      image.name,
      `ours, a list of ${STREAM} files (batchSize 1), per image`,
      fmt(streamed),
      "–",
      "–",
      "–",
      "–",
      fmt(alone[ours.name].ms),
      fmt(streamed / alone[ours.name].ms),
      "–",
      "–",
    ]);
    const sameTop1 = runners.every((r) => top5[r.name][0].label === top5[ours.name][0].label);
    summary.push(
      `- ${m.name}, ${image.name}: ours end to end ${fmt(e2e[ours.name].ms)} ms = ` +
        `${fmt(e2e[ours.name].ms / alone[ours.name].ms)}× inference alone (${fmt(alone[ours.name].ms)} ms; target ≤ 1.3), ` +
        `${fmt(streamed / alone[ours.name].ms)}× per image in a list of ${STREAM} decoded during inference; ` +
        `transformers.js ${fmt(e2e[tjs.name].ms)} ms = ${fmt(e2e[tjs.name].ms / e2e[ours.name].ms)}× ours (target ≥ 1.5); ` +
        `top-1 ${sameTop1 ? "the same for every runner" : "DIFFERS between runners"}.`,
    );
  }
  out.push(
    `### ${m.name} (${m.weights})\n`,
    table(
      [
        "image",
        "runner",
        "end to end",
        "read + decode",
        "preprocess",
        "model",
        "top-5",
        "inference alone",
        "e2e ÷ inference",
        "× ours",
        "top-1 (score)",
      ],
      rows,
    ),
    "",
  );
  if (m.tfjsFromStateDict) out.push(await checkStateDictPath(m, runners[2], images[0].path), "");
  for (const r of runners) await r.dispose();
}

out.push("### Summary\n", ...summary, "");
out.push(
  "Notes: ours preprocesses as HF's PIL path (pixel-exact), so its keras 0.75 scores are HF Python's " +
    "(REFERENCE.json: tabby 0.7919); transformers.js and the tfjs code resize differently, hence other scores. " +
    `tfjs wasm in Node: SIMD ${wasmInfo.simd ? "on" : "off"}, threads ${wasmInfo.threads ? "on" : "off"}.`,
);
console.log(out.join("\n"));
rmSync(work, { recursive: true, force: true });

// The 1.0 row's tfjs model gets our state dict through a Keras-layout mapping; the same mapping applied to
// the 0.75 weights must give the original TF.js model's output.
async function checkStateDictPath(m, original, path) {
  const viaStateDict = await createTfjsClassifier({
    backend: "wasm",
    source: m.tfjsFromStateDict,
    labels: m.labels,
  });
  const [a] = await original.classify([path]);
  const [b] = await viaStateDict.classify([path]);
  await viaStateDict.dispose();
  const same = a.every((p, i) => p.label === b[i].label);
  const delta = Math.max(...a.map((p, i) => Math.abs(p.score - b[i].score)));
  return (
    `tfjs check: our state dict mapped into the Keras topology vs the original TF.js model, ${m.name}: ` +
    `top-5 labels ${same ? "equal" : "DIFFER"}, max |Δ score| ${delta.toExponential(1)}.`
  );
}
