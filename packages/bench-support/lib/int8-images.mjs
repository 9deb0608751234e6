// The images int8 quantization is calibrated and judged on (backend-node's int8 tests and both backends'
// int8.bench.mjs): the shared COCO cats image and samples/chelsea.png, and deterministic variants of both
// (crops, flips, colour, gamma, contrast, greyscale, rotation, blur). The calibration set and the held-out set
// use different variants, so accuracy is reported on images calibration never saw. Pure functions over
// decoded RGB pixels: callers decode (loadImage) and preprocess (MobileNetV1ImageProcessor) with the
// image-processor build they use. Test data as much as bench data; it lives here because both reach it by name.

/** Where the two source images are: `cats` under ../shared, `chelsea` under the repo root. */
export const INT8_SOURCE_IMAGES = { cats: "images/000000039769.png", chelsea: "samples/chelsea.png" };

/** Crops the box given as fractions of the image (x, y, width, height). */
function crop(img, [fx, fy, fw, fh]) {
  const x0 = Math.round(fx * img.width);
  const y0 = Math.round(fy * img.height);
  const w = Math.round(fw * img.width);
  const h = Math.round(fh * img.height);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    data.set(
      img.data.subarray(((y0 + y) * img.width + x0) * 3, ((y0 + y) * img.width + x0 + w) * 3),
      y * w * 3,
    );
  return { data, width: w, height: h, channels: 3 };
}

/** Maps every pixel (x, y) of the output to a source pixel. */
function remap(img, width, height, source) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = source(x, y);
      data.set(
        img.data.subarray((sy * img.width + sx) * 3, (sy * img.width + sx) * 3 + 3),
        (y * width + x) * 3,
      );
    }
  }
  return { data, width, height, channels: 3 };
}

const flip = (img) => remap(img, img.width, img.height, (x, y) => [img.width - 1 - x, y]);
const rotate90 = (img) => remap(img, img.height, img.width, (x, y) => [y, img.height - 1 - x]);

/** Applies `f(value, channel)` to every sample, rounding and clipping to 0–255. */
function pointwise(img, f) {
  const data = img.data.map((v, i) => Math.max(0, Math.min(255, Math.round(f(v, i % 3)))));
  return { ...img, data };
}

const colour =
  (gains, offset = 0) =>
  (img) =>
    pointwise(img, (v, c) => v * gains[c] + offset);
const gamma = (g) => (img) => pointwise(img, (v) => 255 * (v / 255) ** g);
const contrast = (k) => (img) => pointwise(img, (v) => 128 + (v - 128) * k);

function grey(img) {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i += 3)
    data.fill(Math.round(0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2]), i, i + 3);
  return { ...img, data };
}

/** 3×3 box blur (edges clamp). */
function blur(img) {
  const { width: w, height: h } = img;
  const data = new Uint8Array(img.data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const sx = Math.min(w - 1, Math.max(0, x + dx));
            const sy = Math.min(h - 1, Math.max(0, y + dy));
            sum += img.data[(sy * w + sx) * 3 + c];
          }
        }
        data[(y * w + x) * 3 + c] = Math.round(sum / 9);
      }
    }
  }
  return { ...img, data };
}

const CALIBRATION_VARIANTS = [
  ["original", (img) => img],
  ["flip", flip],
  ["crop-center-80", (img) => crop(img, [0.1, 0.1, 0.8, 0.8])],
  ["warm", colour([1.1, 1.0, 0.85])],
  ["gamma-0.8", gamma(0.8)],
  ["crop-left-flip", (img) => flip(crop(img, [0, 0, 0.6, 0.9]))],
];

const HELD_OUT_VARIANTS = [
  ["crop-bottom-right", (img) => crop(img, [0.3, 0.2, 0.7, 0.8])],
  ["band-flip", (img) => flip(crop(img, [0, 0.25, 1, 0.6]))],
  ["cool", colour([0.85, 1.0, 1.15], 10)],
  ["grey", grey],
  ["gamma-1.4", gamma(1.4)],
  ["contrast-0.6", contrast(0.6)],
  ["rotate-90", rotate90],
  ["blur", blur],
];

const variants = (list, sources) =>
  Object.entries(sources).flatMap(([source, img]) =>
    list.map(([name, f]) => ({ name: `${source}/${name}`, image: f(img) })),
  );

/**
 * The calibration set: 6 variants of each source (12 images), the originals included.
 * @param {{ cats: RawRgb, chelsea: RawRgb }} sources decoded RGB images
 */
export function calibrationImages(sources) {
  return variants(CALIBRATION_VARIANTS, sources);
}

/**
 * The held-out set: 8 other variants of each source (16 images), none of them in the calibration set.
 * @param {{ cats: RawRgb, chelsea: RawRgb }} sources decoded RGB images
 */
export function heldOutImages(sources) {
  return variants(HELD_OUT_VARIANTS, sources);
}

/** Cosine similarity of two equal-length vectors. */
export function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Index of the largest value in row `row` of a [rows, n] array. */
export function argmaxRow(data, n, row) {
  let best = 0;
  for (let i = 1; i < n; i++) if (data[row * n + i] > data[row * n + best]) best = i;
  return best;
}
