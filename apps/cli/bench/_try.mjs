import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareModels } from "./lib/prepare-models.mjs";
import { createTfjsClassifier } from "../../../tools/bench/lib/tfjs-classifier.mjs";
import { createOurClassifier } from "./lib/ours-classifier.mjs";
import { createTransformersJsClassifier } from "../../../tools/bench/lib/transformers-js-classifier.mjs";
const work = mkdtempSync(join(tmpdir(), "try-"));
let t = performance.now();
const models = await prepareModels({ work });
console.log("prepare", performance.now() - t);
const img = "/work/shared/images/000000039769.png";
for (const m of models) {
  const runners = [await createOurClassifier({ dir: m.dir }), await createTransformersJsClassifier(m.tjs), await createTfjsClassifier({ backend: "wasm", source: m.tfjs, labels: m.labels })];
  if (m.tfjsFromStateDict) runners.push(await createTfjsClassifier({ backend: "wasm", source: m.tfjsFromStateDict, labels: m.labels }));
  for (const r of runners) { console.log(m.name, r.name, JSON.stringify((await r.classify([img]))[0].slice(0, 3))); const s = await r.stages(img); console.log(s.stages); }
}
