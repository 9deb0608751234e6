// backend-web (onnxruntime-web, wasm device, in Node) beside raw onnxruntime-web InferenceSession.run on the
// same graph bytes (SDK overhead) and beside backend-node (web/node ratio), measured interleaved in one process.
// Usage: node packages/backend-web/bench/inference.bench.mjs [--json]   (after `pnpm build`)
// BENCH_WEB_THREADS=1 overrides the wasm thread count (default: the SDK's, i.e. the platform's threads, at most 4).
import { loadavg } from "node:os";
import { createNodeBackend } from "@mobilenetv1/backend-node";
import { createWebBackend, defaultNumThreads } from "@mobilenetv1/backend-web";
import { benchInput, inferenceModels, rawSession } from "@mobilenetv1/bench-support/inference-bench";
import { interleave } from "@mobilenetv1/bench-support/stats";
import * as ort from "onnxruntime-web";

const json = process.argv.includes("--json");
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
// Raw onnxruntime-web shares the SDK's runtime (one per process), so both run with the same threads.
const threadsOverride = process.env.BENCH_WEB_THREADS
  ? { numThreads: Number(process.env.BENCH_WEB_THREADS) }
  : {};
const backends = { web: createWebBackend({ device: "wasm", ...threadsOverride }), node: createNodeBackend() };

const rows = [];
for (const { name, models } of await inferenceModels({ backends })) {
  const { web: onWeb, node: onNode } = models;
  const session = await rawSession({ ort, executionProvider: "wasm", model: onWeb });
  for (const batch of [1, 8]) {
    const { pixelValues, feeds } = benchInput({ batch, ort });
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
