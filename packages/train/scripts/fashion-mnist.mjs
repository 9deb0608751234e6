// The one Fashion-MNIST reader of packages/train: Debian's dataset-fashion-mnist idx.gz files (magic numbers,
// sizes and caps checked), the class list and the split every #15 measurement uses. The folder builder
// (build-fashion-mnist-folders.mjs), the benchmark (bench/train.bench.mjs), the tests and, through the
// builder's folders, make_reference.py all take their images from here, so they cannot drift apart.
//
// Split: train = the first `perClass` (100) images of each class in train-images-idx3 file order (1000);
// test = the first `testCount` (1000) images of t10k-images-idx3 in file order.
// The idx format is four lines of big-endian header, so it is read here rather than through a dependency;
// what matters is the checks (a hostile file must not make us allocate or read past its claims).
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Where Debian installs the files; `MOBILENET_FASHION_MNIST_DIR` points elsewhere. */
export const FASHION_MNIST_DIR =
  process.env.MOBILENET_FASHION_MNIST_DIR || "/usr/share/datasets/fashion-mnist";

/** The four files of the data set (without `-ubyte.gz`). */
export const FASHION_MNIST_FILES = [
  "train-images-idx3",
  "train-labels-idx1",
  "t10k-images-idx3",
  "t10k-labels-idx1",
];

/** Class names in label-index order, as folder-safe slugs (index 0 is "T-shirt/top"). */
export const FASHION_MNIST_CLASSES = [
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

/** The split's sizes, and the most each may be (the files hold 6000 per class and 10 000 test images). */
export const SPLIT_DEFAULTS = { perClass: 100, testCount: 1000 };
export const SPLIT_LIMITS = { perClass: 6000, testCount: 10_000 };

// Caps checked before anything large is allocated: Fashion-MNIST's train file is 26 MB gzipped, 47 MB raw.
const MAX_GZIP_BYTES = 64 * 1024 * 1024;
const MAX_ITEMS = 100_000;
const MAX_SIDE = 64;
const IMAGES_MAGIC = 0x803; // unsigned bytes, 3 dimensions
const LABELS_MAGIC = 0x801; // unsigned bytes, 1 dimension

/** A bad data file or split size: the message names the file or option and what was expected. */
export class FashionMnistError extends Error {
  name = "FashionMnistError";
}

function fail(message) {
  throw new FashionMnistError(message);
}

/** An idx file's dims and bytes, its magic number, sizes and caps checked. */
export async function readIdx({ file, magic }) {
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
    const found = bytes.length >= 4 ? `0x${view.getUint32(0).toString(16)}` : "missing";
    fail(`${file}: magic ${found}, expected 0x${magic.toString(16)}`);
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

/** One half of the data set ("train" or "t10k"): images and labels, their counts and label range checked. */
async function readPart({ dataDir, prefix }) {
  const images = await readIdx({
    file: join(dataDir, `${prefix}-images-idx3-ubyte.gz`),
    magic: IMAGES_MAGIC,
  });
  const labels = await readIdx({
    file: join(dataDir, `${prefix}-labels-idx1-ubyte.gz`),
    magic: LABELS_MAGIC,
  });
  if (images.dims[0] !== labels.dims[0])
    fail(`${prefix}: ${images.dims[0]} images but ${labels.dims[0]} labels`);
  const bad = labels.data.findIndex((l) => l >= FASHION_MNIST_CLASSES.length);
  if (bad >= 0)
    fail(`${prefix}: label ${labels.data[bad]} at ${bad}, expected 0..${FASHION_MNIST_CLASSES.length - 1}`);
  return { images, labels: labels.data };
}

/** The split rule: the idx indices of the first `perClass` of each class, or of the first `count`. */
export function pickIndices({ labels, perClass, count }) {
  if (count !== undefined) return Array.from({ length: Math.min(count, labels.length) }, (_, i) => i);
  const taken = new Array(FASHION_MNIST_CLASSES.length).fill(0);
  const out = [];
  for (let i = 0; i < labels.length && out.length < perClass * FASHION_MNIST_CLASSES.length; i++) {
    if (taken[labels[i]] < perClass) {
      taken[labels[i]]++;
      out.push(i);
    }
  }
  return out;
}

function examplesOf({ part, indices }) {
  const [, height, width] = part.images.dims;
  return indices.map((index) => ({
    /** The image's index in its idx file. */
    index,
    label: FASHION_MNIST_CLASSES[part.labels[index]],
    /** Raw 8-bit grayscale pixels, as the image processor reads them (a view into the file's bytes). */
    image: {
      data: part.images.data.subarray(index * height * width, (index + 1) * height * width),
      width,
      height,
      channels: 1,
    },
  }));
}

/**
 * `{ train, test, fileCounts }`: train and test are lists of `{ index, label, image }` in the split's order
 * (idx file order); fileCounts the number of images in each idx file (`{ train, test }`).
 * @throws FashionMnistError for a missing or broken file, or a size outside 0..SPLIT_LIMITS.
 */
export async function fashionMnistSplit({
  dataDir = FASHION_MNIST_DIR,
  perClass = SPLIT_DEFAULTS.perClass,
  testCount = SPLIT_DEFAULTS.testCount,
} = {}) {
  for (const [name, value] of [
    ["perClass", perClass],
    ["testCount", testCount],
  ]) {
    if (!Number.isSafeInteger(value) || value < 0 || value > SPLIT_LIMITS[name])
      fail(`${name} ${value}: expected a whole number from 0 to ${SPLIT_LIMITS[name]}`);
  }
  const train = await readPart({ dataDir, prefix: "train" });
  const t10k = await readPart({ dataDir, prefix: "t10k" });
  return {
    train: examplesOf({ part: train, indices: pickIndices({ labels: train.labels, perClass }) }),
    test: examplesOf({ part: t10k, indices: pickIndices({ labels: t10k.labels, count: testCount }) }),
    fileCounts: { train: train.images.dims[0], test: t10k.images.dims[0] },
  };
}
