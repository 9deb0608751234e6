// SDK overhead on backend-node: MobileNetV1ForImageClassification.forward vs raw onnxruntime-node
// InferenceSession.run on the same graph bytes, same input, measured interleaved in one process.
// Usage: node packages/backend-node/bench/inference.bench.mjs [--json]   (after `pnpm build`)
import { nodeBackend } from "@mobilenetv1/backend-node";
import { benchInput, inferenceModels, rawSession } from "@mobilenetv1/bench-support/inference-bench";
import { interleave } from "@mobilenetv1/bench-support/stats";
import * as ort from "onnxruntime-node";

const json = process.argv.includes("--json");
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);

const rows = [];
for (const { name, models } of await inferenceModels({ backends: { sdk: nodeBackend } })) {
  const model = models.sdk;
  const session = await rawSession({ ort, executionProvider: "cpu", model });
  for (const batch of [1, 8]) {
    const { pixelValues, feeds } = benchInput({ batch, ort });
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
