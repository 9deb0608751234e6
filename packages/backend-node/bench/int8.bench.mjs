// int8 vs fp32 on backend-node (onnxruntime-node, CPU): latency at batch 1 and 8 (target: int8 >= 1.5× faster)
// and int8's top-1 agreement and logits cosine with fp32 on held-out images. See
// @mobilenetv1/bench-support/int8-bench, docs/int8.md.
// Usage: node packages/backend-node/bench/int8.bench.mjs [--json]   (after `pnpm build`)
import { createNodeBackend } from "@mobilenetv1/backend-node";
import { int8Table, runInt8Bench } from "@mobilenetv1/bench-support/int8-bench";
import * as imageProcessor from "@mobilenetv1/image-processor";

const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const rows = await runInt8Bench({ backend: createNodeBackend(), rounds, imageProcessor });
if (process.argv.includes("--json"))
  console.log(JSON.stringify({ bench: "backend-node int8", rounds, rows }));
else console.log(int8Table({ title: "backend-node (onnxruntime-node 1.30, CPU)", rows, rounds }));
