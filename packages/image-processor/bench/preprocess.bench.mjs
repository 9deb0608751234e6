#!/usr/bin/env node
/**
 * Preprocessing a 640×480 JPEG to 1×3×224×224 (decode, resize, crop, normalize), side by side in one run:
 * - ours (PIL-exact), decode excluded (`preprocessPixels` on decoded pixels) and included (`preprocess(bytes)`),
 *   with the WebAssembly SIMD kernels and with the JS fallback (engines without SIMD);
 * - sharp's own resize (linear kernel) + extract + a JS normalize loop (fast, not PIL-exact);
 * - PIL through a /usr/bin/python3 subprocess: HF's slow path, PIL's resize alone, decode + path,
 *   each timed inside Python.
 * Prints a markdown table (ms = median per image; ratio = ms / ours without decode), or JSON with --json.
 *
 *   node bench/preprocess.bench.mjs [--json] [--iterations N]
 * Needs the built package: `npx turbo run build --filter=@mobilenetv1/image-processor`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SHARED } from "@mobilenetv1/bench-support/shared-dir";
import { median } from "@mobilenetv1/bench-support/stats";
import { loadImage, MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import sharp from "sharp";
// Internal (not exported): the switch between the WebAssembly SIMD and JS kernels, from this package's own build.
import { resampleBackend } from "../dist/resample/wasm/simd-resample.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const COCO = join(SHARED, "images/000000039769.png");
const PYTHON = "/usr/bin/python3";

const args = process.argv.slice(2);
const json = args.includes("--json");
const iterations = Number(args[args.indexOf("--iterations") + 1]) || 300;

/** A 640×480 JPEG (q90, 4:2:0): the COCO cats image when ../shared is there, a synthetic one otherwise. */
async function benchJpeg() {
  const dir = mkdtempSync(join(tmpdir(), "mnv1-bench-"));
  const path = join(dir, "cats-640x480.jpg");
  const input = existsSync(COCO)
    ? sharp(COCO)
    : sharp(syntheticRgb(640, 480), { raw: { width: 640, height: 480, channels: 3 } });
  writeFileSync(path, await input.jpeg({ quality: 90 }).toBuffer());
  return { path, source: existsSync(COCO) ? "COCO 000000039769 as JPEG q90" : "synthetic 640×480 JPEG q90" };
}

function syntheticRgb(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x ^ y) & 255) >>> 0;
    }
  }
  return data;
}

/** Median ms of `n` calls of `fn` (after n/10, at least 5, warm-up calls). */
async function medianMs(fn, n) {
  for (let i = 0; i < Math.max(5, n / 10); i++) await fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/** sharp's resize + crop, then a plain normalize to CHW float32 (what a typical JS pipeline does). */
async function sharpPipeline(input, rawInfo) {
  const { data } = await sharp(input, rawInfo ? { raw: rawInfo } : {})
    .resize(341, 256, { kernel: "linear" })
    .extract({ left: 58, top: 16, width: 224, height: 224 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Float32Array(3 * 224 * 224);
  for (let i = 0, n = 224 * 224; i < n; i++) {
    out[i] = data[i * 3] / 127.5 - 1;
    out[n + i] = data[i * 3 + 1] / 127.5 - 1;
    out[2 * n + i] = data[i * 3 + 2] / 127.5 - 1;
  }
  return out;
}

function sha256(floats) {
  return createHash("sha256")
    .update(new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength))
    .digest("hex");
}

function runPil(path) {
  if (!existsSync(PYTHON)) return { error: `${PYTHON} not found` };
  const r = spawnSync(
    PYTHON,
    [join(HERE, "pil_preprocess_bench.py"), path, String(Math.max(50, Math.floor(iterations / 2)))],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || "failed").trim().split("\n").pop() };
  return JSON.parse(r.stdout);
}

const { path, source } = await benchJpeg();
const jpeg = readFileSync(path);
const processor = new MobileNetV1ImageProcessor();
const decoded = await loadImage({ input: jpeg });
const rawInfo = { width: decoded.width, height: decoded.height, channels: decoded.channels };
const ours = processor.preprocessPixels(decoded).pixelValues;

const rows = [];
const oursMs = await medianMs(() => processor.preprocessPixels(decoded), iterations);
rows.push({ name: "ours: resize + crop + normalize (decode excluded)", ms: oursMs, pilExact: true });
rows.push({
  name: "ours: decode + preprocess",
  ms: await medianMs(() => processor.preprocess(jpeg), iterations),
  pilExact: true,
});
resampleBackend({ forceJs: true });
rows.push({
  name: "ours, JS kernels (no WebAssembly SIMD), decode excluded",
  ms: await medianMs(() => processor.preprocessPixels(decoded), iterations),
  pilExact: sha256(processor.preprocessPixels(decoded).pixelValues.data) === sha256(ours.data),
});
resampleBackend({ forceJs: false });
rows.push({
  name: "sharp linear resize + crop + normalize (decode excluded)",
  ms: await medianMs(() => sharpPipeline(decoded.data, rawInfo), iterations),
  pilExact: false,
});
rows.push({
  name: "sharp decode + resize + crop + normalize",
  ms: await medianMs(() => sharpPipeline(jpeg), iterations),
  pilExact: false,
});

const pil = runPil(path);
if (!pil.error) {
  const exact = pil.pixelValuesSha256 === sha256(ours.data);
  rows.push({
    name: `PIL ${pil.pillow}: HF's slow path (decode excluded)`,
    ms: pil.hfPipelineMs,
    pilExact: true,
    matchesOurs: exact,
  });
  rows.push({ name: `PIL ${pil.pillow}: resize alone`, ms: pil.resizeOnlyMs });
  rows.push({
    name: `PIL ${pil.pillow}: decode + HF's slow path`,
    ms: pil.decodeAndPipelineMs,
    pilExact: true,
  });
}
for (const row of rows) row.ratio = row.ms / oursMs;

const result = {
  benchmark: "preprocess 640×480 JPEG → 1×3×224×224 (MobileNetV1 defaults)",
  image: source,
  iterations,
  node: process.version,
  kernels: resampleBackend(),
  pixelValuesEqualPil: pil.error ? null : pil.pixelValuesSha256 === sha256(ours.data),
  ...(pil.error ? { pilError: pil.error } : {}),
  rows,
};

if (json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  console.log(
    `### ${result.benchmark}\n\n${source}, ${iterations} iterations, median ms per image, Node ${process.version}\n`,
  );
  console.log("| pipeline | ms | × ours (no decode) | PIL-exact |");
  console.log("|---|---:|---:|:---:|");
  for (const r of rows) {
    const exact = r.pilExact === undefined ? "" : r.pilExact ? "yes" : "no";
    console.log(`| ${r.name} | ${r.ms.toFixed(3)} | ${r.ratio.toFixed(2)} | ${exact} |`);
  }
  console.log(
    result.pixelValuesEqualPil === null
      ? `\nPIL not run: ${pil.error}`
      : `\nOur pixel values ${result.pixelValuesEqualPil ? "equal" : "DIFFER FROM"} PIL's (SHA-256 of the float32 tensor).`,
  );
}
