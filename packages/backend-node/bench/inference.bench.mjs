// SDK overhead on backend-node: MobileNetV1ForImageClassification.forward vs raw onnxruntime-node
// InferenceSession.run on the same graph bytes, same input, measured interleaved in one process.
// Usage: node packages/backend-node/bench/inference.bench.mjs [--json]   (after `pnpm build`)
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { nodeBackend } from "@mobilenetv1/backend-node";
import { SHARED } from "@mobilenetv1/bench-support/shared-dir";
import { interleave } from "@mobilenetv1/bench-support/stats";
import {
  buildGraph,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  PIXEL_VALUES,
  Tensor,
} from "@mobilenetv1/core";
import * as ort from "onnxruntime-node";

const json = process.argv.includes("--json");
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);

async function models() {
  const list = [];
  const real = resolve(SHARED, "hf/keras_mobilenet_v1_0.75_224");
  if (existsSync(real))
    list.push({
      name: "0.75_224 (real weights)",
      model: await MobileNetV1ForImageClassification.fromPretrained(real, { backend: nodeBackend }),
    });
  const config = new MobileNetV1Config({ depthMultiplier: 1.0, numLabels: 1001 });
  list.push({
    name: "1.0_224 (config, random init)",
    model: await MobileNetV1ForImageClassification.fromConfig({ config, backend: nodeBackend }),
  });
  return list;
}

const rows = [];
for (const { name, model } of await models()) {
  const graph = buildGraph({
    config: model.config,
    weights: (k) => model.weights.get(k),
    outputs: ["logits"],
  });
  const session = await ort.InferenceSession.create(graph.onnx, {
    executionProviders: ["cpu"],
    graphOptimizationLevel: "all",
  });
  for (const batch of [1, 8]) {
    const dims = [batch, 3, 224, 224];
    const data = new Float32Array(batch * 3 * 224 * 224).map((_, i) => Math.sin(i) * 0.9);
    const pixelValues = new Tensor({ dims, data });
    const feeds = { [PIXEL_VALUES]: new ort.Tensor("float32", data, dims) };
    const t = await interleave({
      cases: [
        { name: "sdk", run: () => model.forward({ pixelValues }) },
        { name: "raw", run: () => session.run(feeds) },
      ],
      rounds,
      warmup: 3,
    });
    const [s, r] = [t.sdk.ms, t.raw.ms];
    rows.push({ model: name, batch, sdkMs: s, rawMs: r, ratio: s / r, perImageMs: s / batch });
  }
  await session.release();
  await model.dispose();
}

if (json) console.log(JSON.stringify({ bench: "backend-node inference", rounds, rows }));
else {
  console.log(
    `backend-node: SDK forward vs raw InferenceSession.run (median of ${rounds}, interleaved; target ratio <= 1.05)`,
  );
  console.log("| model | batch | SDK ms | raw ms | ratio | SDK ms/image |\n|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.model} | ${r.batch} | ${r.sdkMs.toFixed(2)} | ${r.rawMs.toFixed(2)} | ${r.ratio.toFixed(3)} | ${r.perImageMs.toFixed(2)} |`,
    );
}
