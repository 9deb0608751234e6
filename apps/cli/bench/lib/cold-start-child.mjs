// One fresh process of cold-start.bench.mjs: imports a runner, loads the model from local files
// (already on disk, as a cached fromPretrained), classifies the image once, then 10 more times, and
// prints timings (performance.now() counts from process start) and the peak RSS as one JSON line.
// Usage: node cold-start-child.mjs <ours|transformers.js|tfjs-wasm|tfjs-cpu|node> '<spec JSON>'
const start = performance.now();
const [runner, specJson] = process.argv.slice(2);
const spec = JSON.parse(specJson);

async function creator() {
  if (runner === "ours") {
    const { createOurClassifier } = await import("./ours-classifier.mjs");
    return () => createOurClassifier({ dir: spec.dir });
  }
  if (runner === "transformers.js") {
    const { createTransformersJsClassifier } = await import(
      "@mobilenetv1/bench-support/transformers-js-classifier"
    );
    return () => createTransformersJsClassifier(spec.tjs);
  }
  if (runner === "tfjs-wasm" || runner === "tfjs-cpu") {
    const { createTfjsClassifier } = await import("@mobilenetv1/bench-support/tfjs-classifier");
    const { readFileSync } = await import("node:fs");
    const labels = JSON.parse(readFileSync(spec.labelsFile, "utf8"));
    return () => createTfjsClassifier({ backend: runner.slice(5), source: { dir: spec.tfjsDir }, labels });
  }
  return undefined; // "node": a bare process, for scale
}

const create = await creator();
const imported = performance.now();
let loaded = imported;
let first = imported;
let top1;
if (create) {
  const classifier = await create();
  loaded = performance.now();
  [[top1]] = await classifier.classify([spec.image]);
  first = performance.now();
  for (let i = 0; i < 10; i++) await classifier.classify([spec.image]);
}
console.log(
  JSON.stringify({
    bootMs: start,
    importMs: imported - start,
    loadMs: loaded - imported,
    firstMs: first - loaded,
    sinceStartMs: first,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    top1: top1?.label,
  }),
);
process.exit(0); // onnxruntime / tfjs threads may keep the process alive
