#!/usr/bin/env node
// Builds image folders (HF datasets' "imagefolder" layout: <split>/<class>/<file>.png) from Debian's
// dataset-fashion-mnist idx files, for packages/train's accuracy test, its benchmark and `mobilenet train`:
//
//   node packages/train/scripts/build-fashion-mnist-folders.mjs --out <dir> [--per-class 100] [--test 1000]
//        [--data /usr/share/datasets/fashion-mnist]
//
// train = the first --per-class images of each class in train-images-idx3 file order; test = the first --test
// images of t10k-images-idx3 in file order (the split every #15 test and reference uses). Each image is an
// 8-bit grayscale PNG named by its index in the idx file (train/coat/00019.png is train image 19), so a file
// says where it came from. The images are never committed: this script makes them from the Debian files.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";

/** Index order of Fashion-MNIST's labels, as folder-safe slugs. */
export const CLASS_SLUGS = [
  "t-shirt_top",
  "trouser",
  "pullover",
  "dress",
  "coat",
  "sandal",
  "shirt",
  "sneaker",
  "bag",
  "ankle_boot",
];
const DEFAULT_DATA = "/usr/share/datasets/fashion-mnist";
// Caps checked before anything large is allocated: Fashion-MNIST's train file is 26 MB gzipped, 47 MB raw.
const MAX_GZIP_BYTES = 64 * 1024 * 1024;
const MAX_ITEMS = 100_000;
const MAX_SIDE = 64;
const IMAGES_MAGIC = 0x803; // unsigned bytes, 3 dimensions
const LABELS_MAGIC = 0x801; // unsigned bytes, 1 dimension

function fail(message) {
  throw Object.assign(new Error(message), { usage: true });
}

/** An idx file's dims and bytes, its magic number, sizes and caps checked. */
async function readIdx(file, magic) {
  const info = await stat(file).catch(() =>
    fail(`${file}: not found (apt-get install dataset-fashion-mnist)`),
  );
  if (!info.isFile() || info.size > MAX_GZIP_BYTES)
    fail(`${file}: not a regular file of at most ${MAX_GZIP_BYTES} bytes`);
  const ndim = magic & 0xff;
  const maxBytes = 4 + 4 * ndim + MAX_ITEMS * (ndim === 3 ? MAX_SIDE * MAX_SIDE : 1);
  let bytes;
  try {
    bytes = gunzipSync(await readFile(file), { maxOutputLength: maxBytes });
  } catch (error) {
    fail(`${file}: not a gzip file within ${maxBytes} bytes (${error.code ?? error.message})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 + 4 * ndim || view.getUint32(0) !== magic) {
    fail(
      `${file}: magic ${bytes.length >= 4 ? `0x${view.getUint32(0).toString(16)}` : "missing"}, expected 0x${magic.toString(16)}`,
    );
  }
  const dims = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  if (dims[0] > MAX_ITEMS || dims.slice(1).some((d) => d < 1 || d > MAX_SIDE)) {
    fail(`${file}: dims [${dims}] beyond the caps (${MAX_ITEMS} items of at most ${MAX_SIDE}x${MAX_SIDE})`);
  }
  const data = bytes.subarray(4 + 4 * ndim);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected)
    fail(`${file}: ${data.length} data bytes, expected ${expected} for dims [${dims}]`);
  return { dims, data };
}

async function readSplit(dataDir, prefix) {
  const images = await readIdx(join(dataDir, `${prefix}-images-idx3-ubyte.gz`), IMAGES_MAGIC);
  const labels = await readIdx(join(dataDir, `${prefix}-labels-idx1-ubyte.gz`), LABELS_MAGIC);
  if (images.dims[0] !== labels.dims[0])
    fail(`${prefix}: ${images.dims[0]} images but ${labels.dims[0]} labels`);
  const bad = labels.data.findIndex((l) => l >= CLASS_SLUGS.length);
  if (bad >= 0) fail(`${prefix}: label ${labels.data[bad]} at ${bad}, expected 0..${CLASS_SLUGS.length - 1}`);
  return { images, labels: labels.data };
}

/** The idx indices of the split: the first perClass of each class (train), the first count (test). */
export function pickIndices({ labels, perClass, count }) {
  if (count !== undefined) return Array.from({ length: Math.min(count, labels.length) }, (_, i) => i);
  const taken = new Array(CLASS_SLUGS.length).fill(0);
  const out = [];
  for (let i = 0; i < labels.length && out.length < perClass * CLASS_SLUGS.length; i++) {
    if (taken[labels[i]] < perClass) {
      taken[labels[i]]++;
      out.push(i);
    }
  }
  return out;
}

async function writeImages({ out, split, source, indices }) {
  const [, height, width] = source.images.dims;
  const digits = String(source.images.dims[0] - 1).length;
  for (const slug of CLASS_SLUGS) await mkdir(join(out, split, slug), { recursive: true });
  // A few encodes at a time: sharp works on libuv's pool; thousands at once would only queue.
  for (let start = 0; start < indices.length; start += 16) {
    await Promise.all(
      indices.slice(start, start + 16).map(async (i) => {
        const pixels = source.images.data.subarray(i * height * width, (i + 1) * height * width);
        const png = await sharp(pixels, { raw: { width, height, channels: 1 } })
          .toColourspace("b-w") // 8-bit grayscale PNG, not sharp's default sRGB
          .png()
          .toBuffer();
        const name = `${String(i).padStart(digits, "0")}.png`;
        await writeFile(join(out, split, CLASS_SLUGS[source.labels[i]], name), png, { flag: "wx" });
      }),
    );
  }
}

/**
 * Writes <out>/train/<class>/<index>.png and <out>/test/<class>/<index>.png; returns the counts.
 * Refuses an <out> that already has train/ or test/, so two splits never mix.
 */
export async function buildFashionMnistFolders({ out, perClass = 100, test = 1000, dataDir = DEFAULT_DATA }) {
  for (const [name, value, max] of [
    ["--per-class", perClass, 6000],
    ["--test", test, 10_000],
  ]) {
    if (!Number.isSafeInteger(value) || value < 0 || value > max)
      fail(`${name} ${value}: expected a whole number from 0 to ${max}`);
  }
  for (const split of ["train", "test"]) {
    if (await stat(join(out, split)).catch(() => undefined))
      fail(`${join(out, split)} exists: expected a new or empty --out folder`);
  }
  const train = await readSplit(dataDir, "train");
  const t10k = await readSplit(dataDir, "t10k");
  const trainIndices = pickIndices({ labels: train.labels, perClass });
  const testIndices = pickIndices({ labels: t10k.labels, count: test });
  await writeImages({ out, split: "train", source: train, indices: trainIndices });
  await writeImages({ out, split: "test", source: t10k, indices: testIndices });
  return { train: trainIndices.length, test: testIndices.length };
}

function parseCount(text, option) {
  if (!/^[0-9]+$/.test(text)) fail(`${option} ${JSON.stringify(text)}: expected a whole number`);
  return Number(text);
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      "per-class": { type: "string", default: "100" },
      test: { type: "string", default: "1000" },
      data: { type: "string", default: DEFAULT_DATA },
    },
  });
  if (!values.out) fail("--out <dir> is required");
  const out = resolve(values.out);
  const counts = await buildFashionMnistFolders({
    out,
    perClass: parseCount(values["per-class"], "--per-class"),
    test: parseCount(values.test, "--test"),
    dataDir: values.data,
  });
  process.stdout.write(`wrote ${counts.train} train and ${counts.test} test images under ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`build-fashion-mnist-folders: ${error.message}\n`);
    process.exitCode = error.usage || String(error.code).startsWith("ERR_PARSE_ARGS") ? 2 : 1;
  });
}
