// The first-visit benchmark of issue #17: the built playground served by the configured `vite preview`
// (precompressed files, COOP/COEP), the mock hub serving ../shared's keras_mobilenet_v1_0.75_224, Debian's
// Chromium with a fresh profile per visit, the network throttled to 20 Mbit/s and 40 ms (DevTools
// protocol), service workers blocked. For each round: a first visit (time to the first top-5, encoded
// bytes, transfer floor = bytes ÷ 20 Mbit/s, their ratio), then a repeat visit in the same profile (time
// to the first result). Medians over the rounds; targets: ratio ≤ 1.3, repeat ≤ 1.5 s.
// The setup is test/first-visit-session.ts, shared with test/first-visit-chromium.test.ts; it is TypeScript,
// loaded through Vite's module runner.
// Usage: node apps/playground/bench/first-visit.bench.mjs [--json]   (BENCH_ROUNDS=3 by default)
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const json = process.argv.includes("--json");
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
if (!(Number.isInteger(rounds) && rounds >= 1))
  throw new Error(`BENCH_ROUNDS=${process.env.BENCH_ROUNDS}: expected an integer >= 1`);
const appDir = fileURLToPath(new URL("..", import.meta.url));

// Workspace packages are TypeScript read through their "source" condition, so they are run by Vite too.
const runnerConfig = {
  root: appDir,
  logLevel: "warn",
  environments: {
    inline: {
      resolve: { noExternal: [/^@mobilenetv1\//], conditions: ["source"], externalConditions: ["source"] },
    },
  },
};
const load = async (path) => (await runnerImport(path, runnerConfig)).module;
const session = await load(fileURLToPath(new URL("../test/first-visit-session.ts", import.meta.url)));
const { sharedDir, requireShared } = await load("@mobilenetv1/test-support/shared-dir");

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const image = requireShared("images/000000039769.png");
if (!image) throw new Error("../shared/images/000000039769.png is missing");
const servers = await session.startVisitServers({ sharedDir: sharedDir(), isolation: true });
const firsts = [];
const repeats = [];
let measuredMbps;
try {
  // The largest file a visit downloads from the app, as stored (a .br copy is served as plain bytes).
  const { readdir } = await import("node:fs/promises");
  const brotli = (await readdir(`${servers.dist}/assets`)).find((f) =>
    /^ort-wasm-simd-threaded-[\w-]+\.wasm\.br$/.test(f),
  );
  const calibration = await session.freshProfile();
  try {
    const runs = [];
    for (let i = 0; i < 3; i++)
      runs.push(
        await session.measureThrottledMbps({
          context: calibration.context,
          fileUrl: `${servers.app.url}/assets/${brotli}`,
        }),
      );
    measuredMbps = median(runs);
  } finally {
    await calibration.close();
  }
  for (let round = 0; round < rounds; round++) {
    const profile = await session.freshProfile();
    try {
      const first = await session.visit({ context: profile.context, url: servers.pageUrl, imagePath: image });
      const repeat = await session.visit({
        context: profile.context,
        url: servers.pageUrl,
        imagePath: image,
      });
      if (first.labels[0] !== "tabby, tabby cat" || repeat.labels[0] !== "tabby, tabby cat")
        throw new Error(`wrong top-1: ${first.labels[0]} / ${repeat.labels[0]}`);
      const { bytes, floorMs } = session.transferFloor(first);
      firsts.push({ ms: first.firstResultMs, bytes, floorMs, ratio: first.firstResultMs / floorMs });
      repeats.push({ ms: repeat.firstResultMs, bytes: session.transferFloor(repeat).bytes });
      console.error(
        `round ${round + 1}: first ${(first.firstResultMs / 1000).toFixed(2)} s (${(bytes / 1e6).toFixed(2)} MB), repeat ${(repeat.firstResultMs / 1000).toFixed(2)} s\n` +
          `  first: ${JSON.stringify(first.timings)}\n  repeat: ${JSON.stringify(repeat.timings)}`,
      );
    } finally {
      await profile.close();
    }
  }
} finally {
  await servers.close();
}

const result = {
  rounds,
  loadavg: loadavg()[0],
  first: {
    ms: median(firsts.map((f) => f.ms)),
    bytes: median(firsts.map((f) => f.bytes)),
    floorMs: median(firsts.map((f) => f.floorMs)),
    ratio: median(firsts.map((f) => f.ratio)),
  },
  repeat: { ms: median(repeats.map((r) => r.ms)), bytes: median(repeats.map((r) => r.bytes)) },
  measuredMbps,
};
// The same bytes at the rate the throttled Chromium actually delivered (see measureThrottledMbps).
result.first.measuredFloorMs = (result.first.bytes * 8) / measuredMbps / 1000;
result.first.measuredRatio = result.first.ms / result.first.measuredFloorMs;
if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    [
      `### playground first visit (Chromium, 20 Mbit/s, 40 ms, fresh profile; median of ${rounds}, load average ${result.loadavg.toFixed(1)})`,
      "",
      "| visit | time to first top-5 | encoded bytes | transfer floor (20 Mbit/s) | ratio | target |",
      "| --- | --- | --- | --- | --- | --- |",
      `| first | ${s(result.first.ms)} | ${(result.first.bytes / 1e6).toFixed(2)} MB | ${s(result.first.floorMs)} | ${result.first.ratio.toFixed(2)} | ratio ≤ 1.3 |`,
      `| repeat (same profile) | ${s(result.repeat.ms)} | ${(result.repeat.bytes / 1e3).toFixed(1)} kB | – | – | ≤ 1.5 s |`,
      "",
      `Chromium's throttling delivered ${measuredMbps.toFixed(1)} Mbit/s to a plain download here (nominal 20): ` +
        `at that rate the floor is ${s(result.first.measuredFloorMs)} and the first visit's ratio ${result.first.measuredRatio.toFixed(2)}.`,
    ].join("\n"),
  );
}
