import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  argmaxRow,
  calibrationImages,
  cosine,
  heldOutImages,
  INT8_SOURCE_IMAGES,
} from "@mobilenetv1/bench-support/int8-images";
import { MODEL_FILES, MobileNetV1ForImageClassification, type Tensor } from "@mobilenetv1/core";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { loadImage, MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// int8 against HF's float32 network on real weights: calibrated on 12 images (the COCO cats image, chelsea
// and variants), judged on 16 other variants (@mobilenetv1/bench-support/int8-images) and on HF's own cats
// pixel values.
const folder = requireShared("hf/keras_mobilenet_v1_0.75_224");
const catsFile = requireShared(INT8_SOURCE_IMAGES.cats);
const repo = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const backend = createNodeBackend();

describe.skipIf(!folder || !catsFile)("int8 on keras_mobilenet_v1_0.75_224 (real weights)", () => {
  const dir = folder!;
  let fp32: MobileNetV1ForImageClassification;
  let int8: MobileNetV1ForImageClassification;
  let calibration: Tensor;
  let heldOut: { names: string[]; pixelValues: Tensor };
  let cats: Tensor;
  let tmp: string;

  beforeAll(async () => {
    fp32 = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend });
    const processor = await MobileNetV1ImageProcessor.fromPretrained(dir);
    const sources = {
      cats: await loadImage({ input: catsFile! }),
      chelsea: await loadImage({ input: join(repo, INT8_SOURCE_IMAGES.chelsea) }),
    };
    calibration = (await processor.preprocess(calibrationImages(sources).map((i) => i.image))).pixelValues;
    const held = heldOutImages(sources);
    heldOut = {
      names: held.map((i) => i.name),
      pixelValues: (await processor.preprocess(held.map((i) => i.image))).pixelValues,
    };
    const bytes = await readFile(join(dir, "reference_pixel_values.bin"));
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    cats = (await processor.preprocess(catsFile!)).pixelValues;
    expect(cats.data).toEqual(data); // the processor's pixels are HF's own, bit for bit
    int8 = await fp32.quantize({ calibration });
    tmp = await mkdtemp(join(tmpdir(), "int8-"));
  });
  afterAll(async () => {
    await Promise.all([fp32?.dispose(), int8?.dispose()]);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const agreement = async (model: MobileNetV1ForImageClassification, pixelValues: Tensor) => {
    const [{ logits: a }, { logits: b }] = await Promise.all([
      fp32.forward({ pixelValues }),
      model.forward({ pixelValues }),
    ]);
    const n = a.dims[1]!;
    return Array.from({ length: a.dims[0]! }, (_, i) => ({
      fp32: argmaxRow(a.data, n, i),
      int8: argmaxRow(b.data, n, i),
      cosine: cosine(a.data.subarray(i * n, (i + 1) * n), b.data.subarray(i * n, (i + 1) * n)),
    }));
  };

  it("agrees with fp32 on the cats image: top-1 tabby (281), logits cosine >= 0.99", async () => {
    expect(int8.dtype).toBe("int8");
    const [r] = await agreement(int8, cats);
    expect(r!.fp32).toBe(281);
    expect(r!.int8).toBe(281);
    expect(r!.cosine).toBeGreaterThanOrEqual(0.99);
  });

  it("agrees with fp32 on all 16 held-out images: top-1 equal, logits cosine >= 0.99", async () => {
    const rows = await agreement(int8, heldOut.pixelValues);
    const report = rows.map(
      (r, i) => `${heldOut.names[i]}: ${r.fp32} → ${r.int8}, cosine ${r.cosine.toFixed(4)}`,
    );
    expect(
      rows.filter((r) => r.fp32 !== r.int8),
      report.join("\n"),
    ).toEqual([]);
    expect(Math.min(...rows.map((r) => r.cosine)), report.join("\n")).toBeGreaterThanOrEqual(0.99);
  });

  it("keeps the hidden states close to fp32's on the cats image: pointwise >= 0.99, depthwise >= 0.93", async () => {
    const [a, b] = await Promise.all([
      fp32.forward({ pixelValues: cats, outputHiddenStates: true }),
      int8.forward({ pixelValues: cats, outputHiddenStates: true }),
    ]);
    const cosines = a.hiddenStates!.map((h, i) => cosine(h.data, b.hiddenStates![i]!.data));
    const report = cosines.map((c) => c.toFixed(4)).join(" ");
    // A depthwise output is one channel's 3×3 filter on 8-bit input; the pointwise layer after it averages
    // the rounding over its input channels, so depthwise maps alone are further from fp32 (0.94 at layer 2).
    expect(Math.min(...cosines.filter((_, i) => i % 2 === 1)), report).toBeGreaterThanOrEqual(0.99);
    expect(Math.min(...cosines.filter((_, i) => i % 2 === 0)), report).toBeGreaterThanOrEqual(0.93);
  });

  it("saves an int8 checkpoint (I8 weights, quantization_config) that loads back as the same int8 model", async () => {
    const out = join(tmp, "int8");
    await int8.savePretrained({ dir: out });
    const config = JSON.parse(await readFile(join(out, "config.json"), "utf8"));
    expect(config.quantization_config).toMatchObject({
      quant_method: "mobilenetv1-js-int8",
      activation_dtype: "uint8",
      calibration_method: "mse",
      calibration_images: 12,
    });
    const bytes = await readFile(join(out, MODEL_FILES.int8Weights));
    expect(bytes.byteLength).toBeLessThan(0.3 * (await readFile(join(dir, "model.safetensors"))).byteLength);
    expect(
      readSafetensors({ bytes: new Uint8Array(bytes) }).tensors.get(
        "mobilenet_v1.layer.25.convolution.weight",
      )!.dtype,
    ).toBe("int32"); // stored as I8
    const loaded = await MobileNetV1ForImageClassification.fromPretrained(out, { backend });
    expect(loaded.dtype).toBe("int8");
    const [x, y] = await Promise.all([
      int8.forward({ pixelValues: heldOut.pixelValues }),
      loaded.forward({ pixelValues: heldOut.pixelValues }),
    ]);
    expect(y.logits.data).toEqual(x.logits.data);
    // dtype "float32" runs the dequantized weights in the float graph: the weight error only, no activation error.
    const dequantized = await MobileNetV1ForImageClassification.fromPretrained(out, {
      backend,
      dtype: "float32",
    });
    expect(dequantized.dtype).toBe("float32");
    const rows = await agreement(dequantized, heldOut.pixelValues);
    expect(Math.min(...rows.map((r) => r.cosine))).toBeGreaterThanOrEqual(0.995);
    await Promise.all([loaded.dispose(), dequantized.dispose()]);
  });

  it("fromPretrained(dir, { dtype: 'int8', calibration }) is model.quantize({ calibration })", async () => {
    const loaded = await MobileNetV1ForImageClassification.fromPretrained(dir, {
      backend,
      dtype: "int8",
      calibration,
    });
    const [x, y] = await Promise.all([
      int8.forward({ pixelValues: cats }),
      loaded.forward({ pixelValues: cats }),
    ]);
    expect(y.logits.data).toEqual(x.logits.data);
    await loaded.dispose();
  });
});
