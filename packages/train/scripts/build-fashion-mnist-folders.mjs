#!/usr/bin/env node
// Builds image folders (HF datasets' "imagefolder" layout: <split>/<class>/<file>.png) from Debian's
// dataset-fashion-mnist idx files, for packages/train's accuracy test, make_reference.py and `mobilenet train`:
//
//   node packages/train/scripts/build-fashion-mnist-folders.mjs --out <dir> [--per-class 100] [--test 1000]
//        [--data /usr/share/datasets/fashion-mnist, or $MOBILENET_FASHION_MNIST_DIR]
//
// The files are read, and the split picked, by fashion-mnist.mjs (the one reader). Each image is an 8-bit
// grayscale PNG named by its index in the idx file (train/coat/00019.png is train image 19), so a file says
// where it came from. The images are never committed: this script makes them from the Debian files.
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DIR,
  FashionMnistError,
  fashionMnistSplit,
  SPLIT_DEFAULTS,
  SPLIT_LIMITS,
} from "./fashion-mnist.mjs";

function usage(message) {
  throw new FashionMnistError(message);
}

async function writeImages({ out, split, examples, fileCount }) {
  const digits = String(fileCount - 1).length;
  for (const slug of FASHION_MNIST_CLASSES) await mkdir(join(out, split, slug), { recursive: true });
  // A few encodes at a time: sharp works on libuv's pool; thousands at once would only queue.
  for (let start = 0; start < examples.length; start += 16) {
    await Promise.all(
      examples.slice(start, start + 16).map(async ({ index, label, image }) => {
        const png = await sharp(image.data, {
          raw: { width: image.width, height: image.height, channels: 1 },
        })
          .toColourspace("b-w") // 8-bit grayscale PNG, not sharp's default sRGB
          .png()
          .toBuffer();
        const name = `${String(index).padStart(digits, "0")}.png`;
        await writeFile(join(out, split, label, name), png, { flag: "wx" });
      }),
    );
  }
}

/**
 * Writes <out>/train/<class>/<index>.png and <out>/test/<class>/<index>.png; returns the counts.
 * Refuses an <out> that already has train/ or test/, so two splits never mix.
 */
export async function buildFashionMnistFolders({
  out,
  perClass = SPLIT_DEFAULTS.perClass,
  test = SPLIT_DEFAULTS.testCount,
  dataDir = FASHION_MNIST_DIR,
}) {
  for (const [name, value, max] of [
    ["--per-class", perClass, SPLIT_LIMITS.perClass],
    ["--test", test, SPLIT_LIMITS.testCount],
  ]) {
    if (!Number.isSafeInteger(value) || value < 0 || value > max)
      usage(`${name} ${value}: expected a whole number from 0 to ${max}`);
  }
  for (const split of ["train", "test"]) {
    if (await stat(join(out, split)).catch(() => undefined))
      usage(`${join(out, split)} exists: expected a new or empty --out folder`);
  }
  const data = await fashionMnistSplit({ dataDir, perClass, testCount: test });
  await writeImages({ out, split: "train", examples: data.train, fileCount: data.fileCounts.train });
  await writeImages({ out, split: "test", examples: data.test, fileCount: data.fileCounts.test });
  return { train: data.train.length, test: data.test.length };
}

function parseCount(text, option) {
  if (!/^[0-9]+$/.test(text)) usage(`${option} ${JSON.stringify(text)}: expected a whole number`);
  return Number(text);
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      "per-class": { type: "string", default: String(SPLIT_DEFAULTS.perClass) },
      test: { type: "string", default: String(SPLIT_DEFAULTS.testCount) },
      data: { type: "string", default: FASHION_MNIST_DIR },
    },
  });
  if (!values.out) usage("--out <dir> is required");
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
    const usageError = error instanceof FashionMnistError || String(error.code).startsWith("ERR_PARSE_ARGS");
    process.exitCode = usageError ? 2 : 1;
  });
}
