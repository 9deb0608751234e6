import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CheckpointNameError, WeightsMismatchError } from "@mobilenetv1/core";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { convertTfSlim } from "./convert-tf-slim.js";
import type { RawTensor } from "./tensor-layout.js";
import { readTfjsLayersModel } from "./tfjs-layers-reader.js";

/** TF-slim's _CONV_DEFS depths; the stem is a 3×3 conv with stride 2, then 13 depthwise-separable blocks. */
const DEPTHS = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024];

/** Random TF-slim variables (TF layouts) for a depth multiplier, as a checkpoint of that variant holds them. */
function slimVariables(depth: number): Map<string, RawTensor> {
  const d = (n: number) => Math.max(Math.trunc(n * depth), 8);
  const vars = new Map<string, RawTensor>();
  const put = (name: string, dims: number[]) =>
    vars.set(name, {
      dims,
      data: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)),
    });
  const bn = (scope: string, c: number) =>
    ["beta", "gamma", "moving_mean", "moving_variance"].forEach((n) => {
      put(`MobilenetV1/${scope}/BatchNorm/${n}`, [c]);
    });
  put("MobilenetV1/Conv2d_0/weights", [3, 3, 3, d(32)]);
  bn("Conv2d_0", d(32));
  for (let i = 1; i <= 13; i++) {
    put(`MobilenetV1/Conv2d_${i}_depthwise/depthwise_weights`, [3, 3, d(DEPTHS[i - 1]!), 1]);
    bn(`Conv2d_${i}_depthwise`, d(DEPTHS[i - 1]!));
    put(`MobilenetV1/Conv2d_${i}_pointwise/weights`, [1, 1, d(DEPTHS[i - 1]!), d(DEPTHS[i]!)]);
    bn(`Conv2d_${i}_pointwise`, d(DEPTHS[i]!));
  }
  put("MobilenetV1/Logits/Conv2d_1c_1x1/weights", [1, 1, d(1024), 1001]);
  put("MobilenetV1/Logits/Conv2d_1c_1x1/biases", [1001]);
  return vars;
}

describe("convertTfSlim", () => {
  for (const depth of ["0.25", "0.5", "0.75", "1.0"]) {
    for (const size of [128, 160, 192, 224]) {
      it(`mobilenet_v1_${depth}_${size}: config from the name, every variable in HF's shape`, async () => {
        const model = await convertTfSlim({
          variables: slimVariables(Number(depth)),
          checkpointName: `mobilenet_v1_${depth}_${size}`,
        });
        expect(model.config.depthMultiplier).toBe(Number(depth));
        expect(model.config.imageSize).toBe(size);
        expect(model.config.numLabels).toBe(1001);
        expect(model.config.id2label[0]).toBe("background");
        expect(model.stateDict.get("classifier.weight")!.dims).toEqual([
          1001,
          Math.trunc(1024 * Number(depth)),
        ]);
        expect(model.unusedVariables).toEqual([]);
      });
    }
  }

  it("refuses _quant checkpoints clearly, naming the float one", async () => {
    const call = convertTfSlim({ variables: slimVariables(1), checkpointName: "mobilenet_v1_1.0_224_quant" });
    await expect(call).rejects.toBeInstanceOf(CheckpointNameError);
    await expect(call).rejects.toMatchObject({
      reason: "quantized-unsupported",
      message: expect.stringContaining('"mobilenet_v1_1.0_224"'),
    });
  });

  it("names missing TF-slim variables", async () => {
    const vars = slimVariables(0.5);
    vars.delete("MobilenetV1/Conv2d_7_pointwise/BatchNorm/gamma");
    const call = convertTfSlim({ variables: vars, checkpointName: "google/mobilenet_v1_0.5_160" });
    await expect(call).rejects.toBeInstanceOf(WeightsMismatchError);
    await expect(call).rejects.toMatchObject({
      missingKeys: ["MobilenetV1/Conv2d_7_pointwise/BatchNorm/gamma"],
    });
  });

  // The Keras weights are TF-slim's under other names and in the same TF layouts, so renaming them gives
  // real TF-slim variables; ../shared/hf/keras_mobilenet_v1_0.75_224 holds what HF's own
  // load_tf_weights_in_mobilenet_v1 made of exactly those (see its PROVENANCE.md).
  const tfjs = requireShared("weights/keras_mobilenet_v1_0.75_224.tfjs/model.json");
  const hf = requireShared("hf/keras_mobilenet_v1_0.75_224/model.safetensors");
  it.skipIf(!tfjs || !hf)("real 0.75 weights under TF-slim names equal HF's conversion of them", async () => {
    const keras = await readTfjsLayersModel({ modelDir: join(tfjs!, "..") });
    const vars = new Map<string, RawTensor>();
    const rename = (from: string, scope: string, weights: string) => {
      vars.set(
        `MobilenetV1/${scope}/${weights}`,
        keras.weights.get(`${from}/${weights === "weights" ? "kernel" : "depthwise_kernel"}`)!,
      );
      const bn = {
        beta: "beta",
        gamma: "gamma",
        moving_mean: "moving_mean",
        moving_variance: "moving_variance",
      };
      for (const [slim, k] of Object.entries(bn))
        vars.set(`MobilenetV1/${scope}/BatchNorm/${slim}`, keras.weights.get(`${from}_bn/${k}`)!);
    };
    rename("conv1", "Conv2d_0", "weights");
    for (let i = 1; i <= 13; i++) {
      rename(`conv_dw_${i}`, `Conv2d_${i}_depthwise`, "depthwise_weights");
      rename(`conv_pw_${i}`, `Conv2d_${i}_pointwise`, "weights");
    }
    // TF-slim's logits have a background class at 0, which Keras dropped: put a zero one back.
    const kernel = keras.weights.get("conv_preds/kernel")!; // [1, 1, 768, 1000]
    const withBackground = new Float32Array(768 * 1001);
    for (let c = 0; c < 768; c++)
      withBackground.set(kernel.data.subarray(c * 1000, (c + 1) * 1000), c * 1001 + 1);
    vars.set("MobilenetV1/Logits/Conv2d_1c_1x1/weights", { dims: [1, 1, 768, 1001], data: withBackground });
    vars.set("MobilenetV1/Logits/Conv2d_1c_1x1/biases", {
      dims: [1001],
      data: Float32Array.from([0, ...keras.weights.get("conv_preds/bias")!.data]),
    });
    vars.set("MobilenetV1/Conv2d_0/weights/RMSProp", kernel);
    vars.set("global_step", { dims: [], data: new Float32Array(1) });

    const model = await convertTfSlim({ variables: vars, checkpointName: "mobilenet_v1_0.75_224" });
    expect(model.unusedVariables).toEqual(["MobilenetV1/Conv2d_0/weights/RMSProp", "global_step"]);
    const reference = readSafetensors({ bytes: new Uint8Array(await readFile(hf!)) }).tensors;
    for (const [key, tensor] of reference) {
      if (tensor.dtype !== "float32") continue;
      const ours = model.stateDict.get(key)!.data as Float32Array;
      const ref = tensor.data as Float32Array;
      if (key === "classifier.weight") {
        for (let n = 0; n < 1000; n++)
          expect(ours.subarray((n + 1) * 768, (n + 2) * 768), `${key}[${n + 1}]`).toEqual(
            ref.subarray(n * 768, (n + 1) * 768),
          );
      } else if (key === "classifier.bias") {
        expect(ours.subarray(1)).toEqual(ref);
      } else {
        expect(ours, key).toEqual(ref);
      }
    }
  });
});
