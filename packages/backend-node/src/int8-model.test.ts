import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cosine } from "@mobilenetv1/bench-support/int8-images";
import {
  InputError,
  MODEL_FILES,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import { exportOnnx, parameterPlan } from "@mobilenetv1/core/graph";
import { randomInitWeights, readSafetensors, type StateDict } from "@mobilenetv1/core/weights";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// The int8 model API on small random-init models (fast); accuracy on real weights is int8-real-weights.test.ts's.
const backend = createNodeBackend();
const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 7 });
// A wider init than HF's 0.02 so activations do not vanish through 27 layers.
const weights = randomInitWeights({
  config: config.with({ initializerRange: 0.2 }),
  withClassifier: true,
  seed: 5,
});
const stateDict = (withClassifier: boolean): StateDict =>
  new Map(
    parameterPlan({ config, withClassifier }).map((s) => [
      s.key,
      new Tensor({ dims: s.dims, data: weights.get(s.key)! }),
    ]),
  );
const pixels = (n: number, size = 96, seed = 1) =>
  new Tensor({
    dims: [n, 3, size, size],
    data: Float32Array.from({ length: n * 3 * size * size }, (_, i) => Math.sin(i * 0.731 + seed)),
  });
const calibration = pixels(6);
const input = pixels(2, 96, 9);

describe("int8 models (random init)", () => {
  let tmp: string;
  let fp32: MobileNetV1ForImageClassification;
  let int8: MobileNetV1ForImageClassification;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "int8-api-"));
    fp32 = await MobileNetV1ForImageClassification.fromStateDict({
      config,
      stateDict: stateDict(true),
      backend,
    });
    int8 = await fp32.quantize({ calibration });
  });
  afterAll(async () => {
    await Promise.all([fp32.dispose(), int8.dispose()]);
    await rm(tmp, { recursive: true, force: true });
  });

  it("quantize returns a new int8 model of the same class sharing the float weights; the original stays float32", async () => {
    expect(int8).toBeInstanceOf(MobileNetV1ForImageClassification);
    expect([fp32.dtype, int8.dtype]).toEqual(["float32", "int8"]);
    expect(int8.weights).toBe(fp32.weights);
    expect(int8.quantization!.calibration).toEqual({ method: "mse", numImages: 6 });
    const [a, b] = await Promise.all([
      fp32.forward({ pixelValues: input }),
      int8.forward({ pixelValues: input }),
    ]);
    expect(b.logits.dims).toEqual(a.logits.dims);
    expect(cosine(a.logits.data, b.logits.data)).toBeGreaterThan(0.97);
  });

  it("runs every output, feature layer and graph option the float model has, with the same shapes", async () => {
    const a = await fp32.forward({ pixelValues: input, outputHiddenStates: true });
    const b = await int8.forward({ pixelValues: input, outputHiddenStates: true });
    expect(b.hiddenStates!.map((h) => h.dims)).toEqual(a.hiddenStates!.map((h) => h.dims));
    const layers = ["Conv2d_0", "Conv2d_1_depthwise", 9, "Conv2d_13_pointwise"];
    const [fa, fb] = await Promise.all([
      fp32.features({ pixelValues: input, layers }),
      int8.features({ pixelValues: input, layers }),
    ]);
    expect(Object.entries(fb).map(([k, t]) => [k, t.dims])).toEqual(
      Object.entries(fa).map(([k, t]) => [k, t.dims]),
    );
    for (const options of [{ outputStride: 16 as const }, { poolingHead: "tf-slim-avgpool" as const }]) {
      const [x, y] = [fp32.withOptions(options), int8.withOptions(options)];
      expect(y.dtype).toBe("int8");
      const [ox, oy] = await Promise.all([
        x.forward({ pixelValues: pixels(1, 320) }),
        y.forward({ pixelValues: pixels(1, 320) }),
      ]);
      expect(oy.logits.dims).toEqual(ox.logits.dims);
      await Promise.all([x.dispose(), y.dispose()]);
    }
  });

  it("exports its int8 graph: onnxruntime-node gives forward's logits exactly, metadata says int8", async () => {
    const bytes = exportOnnx({ model: int8 });
    // The protobuf as text: op types and the metadata entry (key "dtype", value "int8") are plain strings in it.
    const text = new TextDecoder("latin1").decode(bytes);
    expect(text.match(/QLinearConv/g)).toHaveLength(25);
    expect(text).toContain("\x0a\x05dtype\x12\x04int8");
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ pixel_values: new ort.Tensor("float32", input.data, [...input.dims]) });
    expect(out["logits"]!.data).toEqual((await int8.forward({ pixelValues: input })).logits.data);
    await session.release();
  });

  it("a backbone saves without the mobilenet_v1. prefix and loads back as the same int8 model", async () => {
    const base = await MobileNetV1Model.fromStateDict({ config, stateDict: stateDict(false), backend });
    const q = await base.quantize({ calibration, method: "percentile", activationDtype: "int8" });
    const dir = join(tmp, "backbone");
    await q.savePretrained({ dir });
    const { tensors } = readSafetensors({
      bytes: new Uint8Array(await readFile(join(dir, MODEL_FILES.int8Weights))),
    });
    expect(
      [...tensors.keys()].filter((k) => k.startsWith("mobilenet_v1.") || k.startsWith("classifier.")),
    ).toEqual([]);
    const loaded = await MobileNetV1Model.fromPretrained(dir, { backend });
    expect(loaded.quantization).toEqual(q.quantization);
    const [x, y] = await Promise.all([
      q.forward({ pixelValues: input }),
      loaded.forward({ pixelValues: input }),
    ]);
    expect(y.poolerOutput.data).toEqual(x.poolerOutput.data);
    await Promise.all([base.dispose(), q.dispose(), loaded.dispose()]);
  });

  it("saves its weights under MODEL_FILES.int8Weights only (no model.safetensors for HF to take as float); the old layout still loads", async () => {
    const dir = join(tmp, "int8-file");
    await int8.savePretrained({ dir });
    expect((await readdir(dir)).sort()).toEqual(["config.json", MODEL_FILES.int8Weights].sort());
    const loaded = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend });
    expect(loaded.quantization).toEqual(int8.quantization);
    // Int8 checkpoints saved before the name existed kept their int8 tensors in model.safetensors.
    const legacy = join(tmp, "int8-legacy");
    await mkdir(legacy);
    await copyFile(join(dir, "config.json"), join(legacy, "config.json"));
    await copyFile(join(dir, MODEL_FILES.int8Weights), join(legacy, "model.safetensors"));
    const old = await MobileNetV1ForImageClassification.fromPretrained(legacy, { backend });
    expect(old.quantization).toEqual(int8.quantization);
    const [x, y] = await Promise.all([
      old.forward({ pixelValues: input }),
      int8.forward({ pixelValues: input }),
    ]);
    expect(x.logits.data).toEqual(y.logits.data);
    await Promise.all([loaded.dispose(), old.dispose()]);
  });

  it("an int8 checkpoint loaded as float32 saves as a plain float checkpoint HF can read", async () => {
    const dir = join(tmp, "classifier");
    await int8.savePretrained({ dir });
    const float = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend, dtype: "float32" });
    const out = join(tmp, "float");
    await float.savePretrained({ dir: out });
    expect(JSON.parse(await readFile(join(out, "config.json"), "utf8")).quantization_config).toBeUndefined();
    const { tensors } = readSafetensors({
      bytes: new Uint8Array(await readFile(join(out, "model.safetensors"))),
    });
    // HF's state dict: float32 parameters plus one int64 num_batches_tracked scalar per batch norm.
    expect(
      new Set([...tensors].filter(([k]) => !k.endsWith(".num_batches_tracked")).map(([, t]) => t.dtype)),
    ).toEqual(new Set(["float32"]));
    expect(tensors.get("mobilenet_v1.conv_stem.normalization.num_batches_tracked")!.dtype).toBe("int64");
    expect(tensors.get("mobilenet_v1.layer.4.normalization.weight")!.data.every((v) => v === 1)).toBe(true); // folded: identity BN
    await float.dispose();
  });

  it("refuses what it cannot do, with InputError", async () => {
    const dir = join(tmp, "float-source");
    await fp32.savePretrained({ dir });
    await expect(
      MobileNetV1ForImageClassification.fromPretrained(dir, { backend, dtype: "int8" }),
    ).rejects.toThrow(/calibration/);
    await expect(
      MobileNetV1ForImageClassification.fromPretrained(dir, { backend, dtype: "int4" as "int8" }),
    ).rejects.toThrow(InputError);
    await expect(fp32.quantize({ calibration: pixels(1).data as unknown as Tensor })).rejects.toThrow(
      InputError,
    );
    const gelu = await MobileNetV1ForImageClassification.fromConfig({
      config: config.with({ hiddenAct: "gelu" }),
      backend,
    });
    await expect(gelu.quantize({ calibration })).rejects.toThrow(/relu6/);
  });
});
