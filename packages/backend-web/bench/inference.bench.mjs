// backend-web (onnxruntime-web, wasm device, in Node) beside raw onnxruntime-web InferenceSession.run on the
// same graph bytes (SDK overhead) and beside backend-node (web/node ratio), measured interleaved in one process.
// Usage: node packages/backend-web/bench/inference.bench.mjs [--json]   (after `pnpm build`)
// BENCH_WEB_THREADS=1 overrides the wasm thread count (default: the SDK's, i.e. the platform's threads, at most 4).
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { createNodeBackend } from "@mobilenetv1/backend-node";
import { createWebBackend, defaultNumThreads } from "@mobilenetv1/backend-web";
import { SHARED } from "@mobilenetv1/bench-support/shared-dir";
import { interleave } from "@mobilenetv1/bench-support/stats";
import {
  buildGraph,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  PIXEL_VALUES,
  Tensor,
} from "@mobilenetv1/core";
import * as ort from "onnxruntime-web";

const json = process.argv.includes("--json");
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
// Raw onnxruntime-web shares the SDK's runtime (one per process), so both run with the same threads.
const threadsOverride = process.env.BENCH_WEB_THREADS
  ? { numThreads: Number(process.env.BENCH_WEB_THREADS) }
  : {};
const web = createWebBackend({ device: "wasm", ...threadsOverride });
const node = createNodeBackend();

async function models() {
  const list = [];
  const real = resolve(SHARED, "hf/keras_mobilenet_v1_0.75_224");
  if (existsSync(real)) {
    const onWeb = await MobileNetV1ForImageClassification.fromPretrained(real, { backend: web });
    const onNode = await MobileNetV1ForImageClassification.fromPretrained(real, { backend: node });
    list.push({ name: "0.75_224 (real weights)", onWeb, onNode });
  }
  const config = new MobileNetV1Config({ depthMultiplier: 1.0, numLabels: 1001 });
  list.push({
    name: "1.0_224 (config, random init)",
    onWeb: await MobileNetV1ForImageClassification.fromConfig({ config, backend: web }),
    onNode: await MobileNetV1ForImageClassification.fromConfig({ config, backend: node }),
  });
  return list;
}

const rows = [];
for (const { name, onWeb, onNode } of await models()) {
  const graph = buildGraph({
    config: onWeb.config,
    weights: (k) => onWeb.weights.get(k),
    outputs: ["logits"],
  });
  const session = await ort.InferenceSession.create(graph.onnx, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
  for (const batch of [1, 8]) {
    const dims = [batch, 3, 224, 224];
    const data = new Float32Array(batch * 3 * 224 * 224).map((_, i) => Math.sin(i) * 0.9);
    const pixelValues = new Tensor({ dims, data });
    const feeds = { [PIXEL_VALUES]: new ort.Tensor("float32", data, dims) };
    const t = await interleave({
      cases: [
        { name: "web", run: () => onWeb.forward({ pixelValues }) },
        { name: "raw", run: () => session.run(feeds) },
        { name: "node", run: () => onNode.forward({ pixelValues }) },
      ],
      rounds,
      warmup: 3,
    });
    const [w, r, n] = [t.web.ms, t.raw.ms, t.node.ms];
    rows.push({
      model: name,
      batch,
      webSdkMs: w,
      rawWebMs: r,
      overhead: w / r,
      nodeSdkMs: n,
      webOverNode: w / n,
    });
  }
  await session.release();
  await Promise.all([onWeb.dispose(), onNode.dispose()]);
}

const threads = ort.env.wasm.numThreads;
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(" ");
if (json)
  console.log(
    JSON.stringify({
      bench: "backend-web inference",
      rounds,
      wasmThreads: threads,
      defaultNumThreads: defaultNumThreads(),
      loadavg: load,
      rows,
    }),
  );
else {
  console.log(
    `backend-web (wasm, ${threads} thread(s), in Node): SDK forward vs raw onnxruntime-web InferenceSession.run, and vs backend-node ` +
      `(median of ${rounds}, interleaved; target overhead <= 1.05; load average at the end ${load})`,
  );
  console.log(
    "| model | batch | web SDK ms | raw ort-web ms | overhead | node SDK ms | web/node |\n|---|---|---|---|---|---|---|",
  );
  for (const r of rows) {
    console.log(
      `| ${r.model} | ${r.batch} | ${r.webSdkMs.toFixed(2)} | ${r.rawWebMs.toFixed(2)} | ${r.overhead.toFixed(3)} | ${r.nodeSdkMs.toFixed(2)} | ${r.webOverNode.toFixed(2)} |`,
    );
  }
}
