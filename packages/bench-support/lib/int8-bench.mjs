// The int8 benchmark both backends run (packages/backend-node/bench/int8.bench.mjs and
// packages/backend-web/bench/int8.bench.mjs): fp32 vs int8 forward latency at batch 1 and 8, measured
// interleaved in one process, and int8's agreement with fp32 on the held-out images of int8-images.mjs.
// Needs `pnpm build` (the packages resolve to their dist).
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { MODEL_FILES, MobileNetV1Config, MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { benchInput } from "./inference-bench.mjs";
import { argmaxRow, calibrationImages, cosine, heldOutImages, INT8_SOURCE_IMAGES } from "./int8-images.mjs";
import { REPO_ROOT, SHARED } from "./shared-dir.mjs";
import { interleave } from "./stats.mjs";

/** Calibration and held-out pixel values from the shared cats image and samples/chelsea.png. */
async function imageSets({ processor, loadImage }) {
  const sources = {
    cats: await loadImage({ input: resolve(SHARED, INT8_SOURCE_IMAGES.cats) }),
    chelsea: await loadImage({ input: resolve(REPO_ROOT, INT8_SOURCE_IMAGES.chelsea) }),
  };
  const held = heldOutImages(sources);
  return {
    calibration: (await processor.preprocess(calibrationImages(sources).map((i) => i.image))).pixelValues,
    heldOut: (await processor.preprocess([...held.map((i) => i.image), sources.cats])).pixelValues,
  };
}

/** Top-1 agreement and logits cosine of int8 against fp32, one image at a time. */
async function agreement(fp32, int8, pixelValues) {
  const [{ logits: a }, { logits: b }] = [
    await fp32.forward({ pixelValues }),
    await int8.forward({ pixelValues }),
  ];
  const n = a.dims[1];
  const rows = Array.from({ length: a.dims[0] }, (_, i) => ({
    same: argmaxRow(a.data, n, i) === argmaxRow(b.data, n, i),
    cosine: cosine(a.data.subarray(i * n, (i + 1) * n), b.data.subarray(i * n, (i + 1) * n)),
  }));
  const cosines = rows.map((r) => r.cosine);
  return {
    agree: `${rows.filter((r) => r.same).length}/${rows.length}`,
    cosineMin: Math.min(...cosines),
    cosineMean: cosines.reduce((s, c) => s + c, 0) / cosines.length,
  };
}

/** Median forward latency of each model, interleaved so drift on a shared machine hits both alike. */
async function latency(models, batch, rounds) {
  const { pixelValues } = benchInput({ batch });
  const cases = Object.entries(models).map(([name, m]) => ({ name, run: () => m.forward({ pixelValues }) }));
  const t = await interleave({ cases, rounds, warmup: 3 });
  return Object.fromEntries(Object.entries(t).map(([name, r]) => [name, r.ms]));
}

/**
 * Runs the benchmark on `backend` and returns its rows: the real 0.75_224 checkpoint (latency and
 * accuracy) when ../shared has it, and a random-init 1.0_224 (latency only; calibrated on the same images).
 * `imageProcessor` is the `@mobilenetv1/image-processor` module (its `loadImage` and
 * `MobileNetV1ImageProcessor`), passed in by the bench script rather than imported here: image-processor's
 * own benchmark uses this package, so a dependency back on it would be a cycle.
 *
 * @example
 * import * as imageProcessor from "@mobilenetv1/image-processor";
 * const rows = await runInt8Bench({ backend: createNodeBackend(), rounds: 30, imageProcessor });
 * console.log(int8Table({ title: "backend-node", rows, rounds: 30 }));
 */
export async function runInt8Bench({ backend, rounds, imageProcessor }) {
  const list = [];
  const real = resolve(SHARED, "hf/keras_mobilenet_v1_0.75_224");
  const processor = await imageProcessor.MobileNetV1ImageProcessor.fromPretrained(
    existsSync(real) ? real : resolve(REPO_ROOT, "samples"),
  );
  const { calibration, heldOut } = await imageSets({ processor, loadImage: imageProcessor.loadImage });
  if (existsSync(real))
    list.push({
      name: "0.75_224 (real weights)",
      fp32: await MobileNetV1ForImageClassification.fromPretrained(real, { backend }),
    });
  // A wider init than HF's 0.02: with it, activations decay into float denormals, which wasm (no flush-to-zero)
  // computes 5-10× slower, and the fp32 column would measure that instead of the network.
  const config = new MobileNetV1Config({ depthMultiplier: 1.0, numLabels: 1001, initializerRange: 0.2 });
  list.push({
    name: "1.0_224 (random init)",
    fp32: await MobileNetV1ForImageClassification.fromConfig({ config, backend }),
    latencyOnly: true,
  });
  const rows = [];
  for (const { name, fp32, latencyOnly } of list) {
    const t0 = performance.now();
    const int8 = await fp32.quantize({ calibration });
    const quantizeMs = performance.now() - t0;
    const accuracy = latencyOnly ? undefined : await agreement(fp32, int8, heldOut);
    const sizes = {
      fp32: fp32.toFiles()[MODEL_FILES.safetensors].byteLength,
      int8: int8.toFiles()[MODEL_FILES.int8Weights].byteLength,
    };
    for (const batch of [1, 8]) {
      const t = await latency({ fp32, int8 }, batch, rounds);
      rows.push({
        model: name,
        batch,
        fp32Ms: t.fp32,
        int8Ms: t.int8,
        speedup: t.fp32 / t.int8,
        quantizeMs,
        sizes,
        accuracy,
      });
    }
    await Promise.all([fp32.dispose(), int8.dispose()]);
  }
  return rows;
}

/** The markdown table of {@link runInt8Bench}'s rows. */
export function int8Table({ title, rows, rounds }) {
  const mb = (b) => (b / 1e6).toFixed(2);
  const lines = [
    `${title}: fp32 vs int8 forward (median of ${rounds}, interleaved; load average at the end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")})`,
    "| model | batch | fp32 ms | int8 ms | int8 speed-up | top-1 agreement | logits cosine min / mean | weights MB fp32 → int8 | quantize s |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const acc = r.accuracy
      ? [r.accuracy.agree, `${r.accuracy.cosineMin.toFixed(4)} / ${r.accuracy.cosineMean.toFixed(4)}`]
      : ["–", "–"];
    lines.push(
      `| ${r.model} | ${r.batch} | ${r.fp32Ms.toFixed(2)} | ${r.int8Ms.toFixed(2)} | ${r.speedup.toFixed(2)}× | ${acc.join(" | ")} | ${mb(r.sizes.fp32)} → ${mb(r.sizes.int8)} | ${(r.quantizeMs / 1000).toFixed(1)} |`,
    );
  }
  lines.push(
    "",
    "Agreement: the 16 held-out images of int8-images.mjs (variants of the COCO cats image and chelsea that calibration never saw) and the cats image itself; calibration: 12 other images, `mse` ranges.",
  );
  return lines.join("\n");
}
