#!/usr/bin/env node
/**
 * Peak RSS of preprocessing one batch of 4 large images (8000×6000, 48 M pixels each, under PIL's pixel
 * limit), each run in a fresh child process so the peaks do not mix:
 * - "preprocess": `processor.preprocess(paths)` with its defaults: up to 4 images loading at once, but at
 *   most DEFAULT_MAX_DECODING_PIXELS (89.5 M) decoded pixels held, so these 48 M-pixel images decode one
 *   after the other, each written into the batch tensor and let go;
 * - "all-at-once": every image decoded first (`Promise.all(loadImage)`), then `preprocessPixels(decoded)`,
 *   which is what `preprocess` did before it went one image at a time.
 * - "4-calls-together": four one-image `preprocess` calls on one processor at once, as prefetchBatches does
 *   with batches of 1 (they share the processor's pixel budget).
 * The images (a PNG and a JPEG of a noisy gradient) are made with sharp in a temp folder.
 *
 *   node bench/batch-memory.bench.mjs [--count 4] [--width 8000] [--height 6000]
 * Needs the built package: `npx turbo run build --filter=@mobilenetv1/image-processor...`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

if (args[0] === "--child") {
  const [, mode, ...paths] = args;
  const { loadImage, MobileNetV1ImageProcessor } = await import("../dist/index.js");
  const processor = new MobileNetV1ImageProcessor();
  const t = performance.now();
  const out =
    mode === "preprocess"
      ? await processor.preprocess(paths)
      : mode === "4-calls-together"
        ? (await Promise.all(paths.map((p) => processor.preprocess(p))))[0]
        : processor.preprocessPixels(await Promise.all(paths.map((input) => loadImage({ input }))));
  const ms = performance.now() - t;
  process.stdout.write(
    JSON.stringify({ dims: out.pixelValues.dims, maxRssMiB: process.resourceUsage().maxRSS / 1024, ms }),
  );
} else {
  const count = flag("count", 4);
  const width = flag("width", 8000);
  const height = flag("height", 6000);
  const dir = mkdtempSync(join(tmpdir(), "mnv1-batch-memory-"));
  try {
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        const noise = (x * 7919 + y * 104729) % 23;
        raw[i] = (x * 255) / width + noise;
        raw[i + 1] = (y * 255) / height + noise;
        raw[i + 2] = ((x + y) * 127) / (width + height) + noise;
      }
    }
    const image = () => sharp(raw, { raw: { width, height, channels: 3 } });
    const files = {
      png: join(dir, "large.png"),
      jpeg: join(dir, "large.jpg"),
    };
    await image().png({ compressionLevel: 1 }).toFile(files.png);
    await image().jpeg({ quality: 90 }).toFile(files.jpeg);
    const rows = [];
    for (const [format, file] of Object.entries(files)) {
      for (const mode of ["all-at-once", "preprocess", "4-calls-together"]) {
        const child = spawnSync(
          process.execPath,
          [fileURLToPath(import.meta.url), "--child", mode, ...Array(count).fill(file)],
          { encoding: "utf8" },
        );
        if (child.status !== 0) throw new Error(`${mode} ${format} failed: ${child.stderr}`);
        const result = JSON.parse(child.stdout);
        rows.push({ format, mode, ...result });
      }
    }
    console.log(`${count} × ${width}×${height} images in one batch (peak RSS of a fresh process):`);
    console.log("| format | mode | peak RSS (MiB) | ms |\n|---|---|---|---|");
    for (const r of rows)
      console.log(`| ${r.format} | ${r.mode} | ${r.maxRssMiB.toFixed(0)} | ${r.ms.toFixed(0)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
