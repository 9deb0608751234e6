// int8 vs fp32 on backend-web (onnxruntime-web wasm, in Node): latency at batch 1 and 8, and int8's top-1
// agreement and logits cosine with fp32 on held-out images. The runner is @mobilenetv1/bench-support/int8-bench,
// as for backend-node, so both backends are measured alike; see docs/int8.md. BENCH_WASM_THREADS sets the wasm
// threads (default: the SDK's). Usage: node packages/backend-web/bench/int8.bench.mjs [--json]   (after `pnpm build`)
import { createWebBackend } from "@mobilenetv1/backend-web";
import { int8Table, runInt8Bench } from "@mobilenetv1/bench-support/int8-bench";
import * as imageProcessor from "@mobilenetv1/image-processor";

const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const threads = process.env.BENCH_WASM_THREADS ? Number(process.env.BENCH_WASM_THREADS) : undefined;
const backend = createWebBackend({ device: "wasm", ...(threads ? { numThreads: threads } : {}) });
const rows = await runInt8Bench({ backend, rounds, imageProcessor });
const { env } = await import("onnxruntime-web");
const title = `backend-web (onnxruntime-web 1.30, wasm, ${env.wasm.numThreads} thread(s), in Node)`;
if (process.argv.includes("--json"))
  console.log(JSON.stringify({ bench: "backend-web int8", rounds, threads: env.wasm.numThreads, rows }));
else console.log(int8Table({ title, rows, rounds }));
