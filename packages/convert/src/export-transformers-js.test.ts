import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import {
  AutoModelForImageClassification,
  env,
  pipeline,
  RawImage,
  Tensor as TjsTensor,
} from "@huggingface/transformers";
import { createNodeBackend } from "@mobilenetv1/backend-node";
import {
  type Backend,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import { exportOnnx } from "@mobilenetv1/core/graph";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversionImageProcessor } from "./conversion-image-processor.js";
import { exportForTransformersJs } from "./export-transformers-js.js";

// Exporting needs no runtime: a backend that is never asked to run anything.
const noBackend: Backend = {
  name: "none",
  init: async () => {},
  createExecutable: async () => Promise.reject(new Error("not used")),
};

describe("exportForTransformersJs", () => {
  const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 4, imageSize: 192 });

  it("writes onnx/model.onnx, config.json and preprocessor_config.json", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mobilenet-tjs-"));
    try {
      const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: noBackend });
      await exportForTransformersJs({ model, dir });
      expect((await readdir(dir)).sort()).toEqual(["config.json", "onnx", "preprocessor_config.json"]);
      expect(await readdir(join(dir, "onnx"))).toEqual(["model.onnx"]);
      const written = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
      expect(written).toMatchObject({
        model_type: "mobilenet_v1",
        architectures: ["MobileNetV1ForImageClassification"],
        depth_multiplier: 0.25,
      });
      // transformers' conversion script: shortest edge image_size + 32, crop image_size.
      expect(await readFile(join(dir, "preprocessor_config.json"), "utf8")).toBe(
        conversionImageProcessor({ imageSize: 192 }).toConfigText(),
      );
      // core's exportOnnx, byte for byte (input pixel_values, output logits).
      const onnx = new Uint8Array(await readFile(join(dir, "onnx/model.onnx")));
      expect(Buffer.from(onnx).equals(Buffer.from(exportOnnx({ model })))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names a base model's HF class and writes the processor it is given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mobilenet-tjs-"));
    try {
      const model = await MobileNetV1Model.fromConfig({ config, backend: noBackend });
      const imageProcessor = conversionImageProcessor({ imageSize: 160 });
      await exportForTransformersJs({ model, dir, imageProcessor });
      const written = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
      expect(written.architectures).toEqual(["MobileNetV1Model"]);
      expect(await readFile(join(dir, "preprocessor_config.json"), "utf8")).toBe(
        imageProcessor.toConfigText(),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// exportForTransformersJs's folder loaded by transformers.js itself (local files only, its bundled
// onnxruntime-node), with HF's reference pixel values and through its image-classification pipeline.
// Lives here because this package has @huggingface/transformers as a dev dependency.
const hfDir = requireShared("hf/keras_mobilenet_v1_0.75_224/config.json");
const image = requireShared("images/000000039769.png");

describe.skipIf(!hfDir || !image)("transformers.js runs the exported folder", () => {
  let dir = "";
  let model: MobileNetV1ForImageClassification;
  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), "mobilenet-tjs-"));
    dir = join(root, "keras-0.75");
    model = await MobileNetV1ForImageClassification.fromPretrained(dirname(hfDir!), {
      backend: createNodeBackend(),
    });
    await exportForTransformersJs({ model, dir });
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${root}/`;
  });
  afterAll(async () => {
    await model?.dispose();
    if (dir) await rm(dirname(dir), { recursive: true, force: true });
  });

  it("gives the SDK's logits (≤ 1e-5) on HF's reference pixel values", async () => {
    const bytes = await readFile(join(dirname(hfDir!), "reference_pixel_values.bin"));
    const data = new Float32Array(new Uint8Array(bytes).buffer);
    const tjs = await AutoModelForImageClassification.from_pretrained(basename(dir), { dtype: "fp32" });
    const { logits } = await tjs({ pixel_values: new TjsTensor("float32", data, [1, 3, 224, 224]) });
    const ours = (await model.forward({ pixelValues: new Tensor({ dims: [1, 3, 224, 224], data }) })).logits;
    expect(logits.dims).toEqual([1, 1000]);
    let worst = 0;
    for (let i = 0; i < 1000; i++)
      worst = Math.max(worst, Math.abs((logits.data as Float32Array)[i]! - ours.data[i]!));
    expect(worst).toBeLessThanOrEqual(1e-5);
    await tjs.dispose();
  });

  it("classifies the cats PNG with its pipeline: tabby first, as the SDK", async () => {
    const classify = await pipeline("image-classification", basename(dir), { dtype: "fp32" });
    const out = (await classify(await RawImage.read(image!), { top_k: 3 })) as {
      label: string;
      score: number;
    }[];
    // transformers.js resizes with sharp, not PIL, so scores differ a little from HF's 0.79 / 0.12 / 0.09.
    expect(out.map((p) => p.label)).toEqual(["tabby, tabby cat", "tiger cat", "Egyptian cat"]);
    expect(out[0]!.score).toBeGreaterThan(0.6);
    await classify.dispose();
  });
});
