// `mobilenet serve` under load: images/s and p50/p99 latency at 1, 8 and 32 concurrent clients, with
// dynamic batching on (--max-batch 8 --max-delay-ms 5), off (--max-batch 1), and on with one onnxruntime
// thread. The server runs as the real CLI in a child process (after build); autocannon POSTs the same PNG
// (samples/chelsea.png, 451×300) as raw bytes, the way @huggingface/inference sends it. Prints a markdown
// table on stdout. Usage: node packages/serve/bench/serve.bench.mjs. Env: BENCH_SERVE_SECONDS (per case;
// default 10), MOBILENET_SHARED_DIR (the keras 0.75_224 checkpoint lives in <shared>/hf).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const shared = resolve(process.env.MOBILENET_SHARED_DIR ?? join(root, "../shared"));
const model = join(shared, "hf/keras_mobilenet_v1_0.75_224");
const bin = join(root, "apps/cli/dist/bin.js");
const seconds = Number(process.env.BENCH_SERVE_SECONDS ?? 10);
const body = readFileSync(join(root, "samples/chelsea.png"));
const CONCURRENCY = [1, 8, 32];
const MODES = [
  { name: "on", args: ["--max-batch", "8", "--max-delay-ms", "5"] },
  { name: "off", args: ["--max-batch", "1", "--max-delay-ms", "0"] },
  // one onnxruntime thread leaves the other core to decoding, which runs on the main thread
  { name: "on, --threads 1", args: ["--max-batch", "8", "--max-delay-ms", "5", "--threads", "1"] },
];
for (const need of [model, bin]) if (!existsSync(need)) throw new Error(`${need} is missing (build first)`);

/** Starts the server; resolves with its URL and a stop() that sends SIGTERM and waits for exit 0. */
async function startServer(args) {
  const child = spawn(
    process.execPath,
    [bin, "serve", "--model", model, "--port", "0", "--max-queue", "256", ...args],
    {
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const url = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) ok(line.replace("listening on ", ""));
    });
    child.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) throw new Error(`serve exited with ${code} on SIGTERM`);
  };
  return { url, stop };
}

function load(url, connections, duration) {
  return autocannon({
    url,
    method: "POST",
    headers: { "content-type": "image/png" },
    body,
    connections,
    duration,
    timeout: 30,
  });
}

async function batchStats(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  return { sum: value("mobilenet_serve_batch_size_sum"), count: value("mobilenet_serve_batch_size_count") };
}

const rows = [];
for (const mode of MODES) {
  const server = await startServer(mode.args);
  try {
    await load(server.url, 8, 2); // warm-up: session, allocator, JIT
    for (const connections of CONCURRENCY) {
      process.stderr.write(`serve bench: batching ${mode.name}, ${connections} clients, ${seconds} s\n`);
      const before = await batchStats(server.url);
      const r = await load(server.url, connections, seconds);
      const after = await batchStats(server.url);
      const meanBatch = (after.sum - before.sum) / (after.count - before.count);
      rows.push({
        mode: mode.name,
        connections,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        meanBatch,
        errors: r.errors + r.timeouts + r.non2xx,
      });
    }
  } finally {
    await server.stop();
  }
}

const base = rows.find((r) => r.mode === "off" && r.connections === 1).rps;
const lines = [
  "| batching | clients | images/s | × sequential | p50 ms | p99 ms | mean batch | errors |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${r.mode} | ${r.connections} | ${r.rps.toFixed(1)} | ${(r.rps / base).toFixed(2)} | ${r.p50} | ${r.p99} | ${r.meanBatch.toFixed(1)} | ${r.errors} |`,
  ),
];
const at8 = rows.find((r) => r.mode === "on" && r.connections === 8);
lines.push(
  "",
  `keras 0.75_224, ${seconds} s per case, POST of a 451×300 PNG (${body.length} bytes). Sequential = 1 client, batching off.`,
  `Target (concurrency 8, batching on ≥ 1.5× sequential images/s, no errors): ${(at8.rps / base).toFixed(2)}×, ` +
    `${at8.errors} errors — ${at8.rps / base >= 1.5 && at8.errors === 0 ? "met" : "not met"}.`,
);
console.log(lines.join("\n"));
