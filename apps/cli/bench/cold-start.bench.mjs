// Cold start and memory, each measured in fresh child processes (lib/cold-start-child.mjs), runners
// interleaved run by run: process start → modules imported → model loaded from local files (a cached
// fromPretrained: ../shared's HF folder for ours, our transformers.js export, the original TF.js model) →
// first prediction on the 640×480 cats PNG; then 10 more predictions and the process' peak RSS.
// Usage: node apps/cli/bench/cold-start.bench.mjs (after build). Env: BENCH_COLD_RUNS (default 5).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchImages } from "@mobilenetv1/bench-support/bench-images";
import { fmt, median, table } from "@mobilenetv1/bench-support/stats";
import { prepareModels } from "./lib/prepare-models.mjs";

const runs = Number(process.env.BENCH_COLD_RUNS ?? 5);
const child = fileURLToPath(new URL("./lib/cold-start-child.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mobilenetv1-cold-"));
const [png] = await benchImages();
const [keras] = await prepareModels({ work });
const labelsFile = join(work, "labels.json");
writeFileSync(labelsFile, JSON.stringify(keras.labels));
const spec = JSON.stringify({
  dir: keras.dir,
  tjs: keras.tjs,
  tfjsDir: keras.tfjs.dir,
  labelsFile,
  image: png.path,
});

const runners = ["ours", "transformers.js", "tfjs-wasm", "tfjs-cpu", "node"];
const samples = Object.fromEntries(runners.map((r) => [r, []]));
for (let run = 0; run < runs; run++) {
  for (let k = 0; k < runners.length; k++) {
    const runner = runners[(run + k) % runners.length];
    process.stderr.write(`cold start: run ${run + 1}/${runs}, ${runner}\n`);
    const stdout = execFileSync(process.execPath, [child, runner, spec], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    samples[runner].push(JSON.parse(stdout.trim().split("\n").pop()));
  }
}

const med = (runner, key) => median(samples[runner].map((s) => s[key]));
const rows = runners.map((r) => [
  r === "node" ? "bare `node` process (for scale)" : r,
  fmt(med(r, "bootMs"), 0),
  fmt(med(r, "importMs"), 0),
  fmt(med(r, "loadMs"), 0),
  fmt(med(r, "firstMs"), 0),
  fmt(median(samples[r].map((s) => s.loadMs + s.firstMs)), 0),
  fmt(med(r, "sinceStartMs"), 0),
  fmt(med(r, "peakRssMB"), 0),
  samples[r][0].top1 ?? "–",
]);
console.log(
  `${keras.name} (${keras.weights}), PNG 640×480; median of ${runs} fresh processes per runner; ` +
    `Node ${process.version}, ${process.platform}/${process.arch}. Targets for ours: cold start ≤ 300 ms, ` +
    "peak RSS ≤ 200 MB.\n",
);
console.log(
  table(
    [
      "runner",
      "Node boot ms",
      "imports ms",
      "load ms",
      "first prediction ms",
      "cold start (load + first) ms",
      "process start → first prediction ms",
      "peak RSS MB (after 11 predictions)",
      "top-1",
    ],
    rows,
  ),
);
const ours = (key) => median(samples.ours.map(key));
const cold = ours((s) => s.loadMs + s.firstMs);
const rss = ours((s) => s.peakRssMB);
console.log(
  `\nours: cold start ${fmt(cold, 0)} ms (target ≤ 300: ${cold <= 300 ? "met" : "NOT met"}), ` +
    `peak RSS ${fmt(rss, 0)} MB (target ≤ 200: ${rss <= 200 ? "met" : "NOT met"}).`,
);
rmSync(work, { recursive: true, force: true });
