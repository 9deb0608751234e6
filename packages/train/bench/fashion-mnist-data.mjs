// The Fashion-MNIST split every #15 measurement uses: train = the first 100 images of each class of
// train-images-idx3 in file order (1000), test = the first 1000 images of t10k-images-idx3 in file order.
// Images are 28×28 grayscale raw pixels ({ data, width, height, channels: 1 }), which the image processor
// converts to RGB and resizes as PIL's convert("RGB") + resize do. Debian's dataset-fashion-mnist package
// installs the files; MOBILENET_FASHION_MNIST_DIR points elsewhere.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

export const FASHION_MNIST_DIR =
  process.env.MOBILENET_FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";

/** Class names in index order, as folder-safe slugs. */
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

function idx(file, magic) {
  const path = join(FASHION_MNIST_DIR, file);
  if (!existsSync(path)) throw new Error(`${path} is missing (apt-get install dataset-fashion-mnist)`);
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${path}: not an idx file of magic ${magic}`);
  return { bytes, view };
}

function read(prefix) {
  const images = idx(`${prefix}-images-idx3-ubyte.gz`, 2051);
  const labels = idx(`${prefix}-labels-idx1-ubyte.gz`, 2049);
  const n = images.view.getUint32(4);
  const [h, w] = [images.view.getUint32(8), images.view.getUint32(12)];
  const image = (i) => ({
    data: images.bytes.subarray(16 + i * h * w, 16 + (i + 1) * h * w),
    width: w,
    height: h,
    channels: 1,
  });
  return { n, image, label: (i) => labels.bytes[8 + i] };
}

/** `{ train, test }`, each a list of `{ image, label }` (label: the class slug), in the split's order. */
export function fashionMnistSplit() {
  const train = read("train");
  const perClass = new Array(10).fill(0);
  const trainExamples = [];
  for (let i = 0; i < train.n && trainExamples.length < 1000; i++) {
    const cls = train.label(i);
    if (perClass[cls] >= 100) continue;
    perClass[cls]++;
    trainExamples.push({ image: train.image(i), label: FASHION_MNIST_CLASSES[cls] });
  }
  const test = read("t10k");
  const testExamples = Array.from({ length: 1000 }, (_, i) => ({
    image: test.image(i),
    label: FASHION_MNIST_CLASSES[test.label(i)],
  }));
  return { train: trainExamples, test: testExamples };
}
