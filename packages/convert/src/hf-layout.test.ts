import { MobileNetV1Config, NonFiniteWeightsError, WeightsMismatchError } from "@mobilenetv1/core";
import { parameterPlan } from "@mobilenetv1/core/graph";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { describe, expect, it } from "vitest";
import { toHfCheckpoint } from "./hf-layout.js";
import type { RawTensor } from "./tensor-layout.js";

const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 3, imageSize: 128 });

/** Every tensor the classifier needs, filled with small finite values, as a converter hands them over. */
function tensors(): Map<string, RawTensor> {
  const out = new Map<string, RawTensor>();
  for (const spec of parameterPlan({ config, withClassifier: true })) {
    const size = spec.dims.reduce((a, b) => a * b, 1);
    out.set(spec.key, { dims: spec.dims, data: Float32Array.from({ length: size }, (_, i) => i % 7) });
  }
  return out;
}

function mismatch(call: () => unknown): WeightsMismatchError {
  try {
    call();
  } catch (error) {
    if (error instanceof WeightsMismatchError) return error;
    throw error;
  }
  throw new Error("expected a WeightsMismatchError");
}

describe("toHfCheckpoint", () => {
  it("writes HF's state dict (counters included) into model.safetensors", () => {
    const model = toHfCheckpoint({ config, tensors: tensors() });
    const read = readSafetensors({ bytes: model.files["model.safetensors"]! }).tensors;
    expect(read.get("mobilenet_v1.conv_stem.normalization.num_batches_tracked")?.dtype).toBe("int64");
    expect(read.size).toBe(model.stateDict.size);
    expect(Object.keys(model.files).sort()).toEqual([
      "config.json",
      "model.safetensors",
      "preprocessor_config.json",
    ]);
  });

  it("names missing, unexpected and mis-shaped keys in one WeightsMismatchError", () => {
    const t = tensors();
    t.delete("classifier.bias");
    t.set("classifier.extra", { dims: [1], data: new Float32Array(1) });
    t.set("mobilenet_v1.conv_stem.convolution.weight", { dims: [1], data: new Float32Array(1) });
    const error = mismatch(() => toHfCheckpoint({ config, tensors: t }));
    expect(error.missingKeys).toEqual(["classifier.bias"]);
    expect(error.unexpectedKeys).toEqual(["classifier.extra"]);
    expect(error.mismatchedKeys.map((m) => m.key)).toEqual(["mobilenet_v1.conv_stem.convolution.weight"]);
  });

  it("refuses a tensor it did not plan for even when every planned one is right", () => {
    const t = tensors();
    t.set("mobilenet_v1.layer.99.convolution.weight", { dims: [1], data: new Float32Array(1) });
    const error = mismatch(() => toHfCheckpoint({ config, tensors: t }));
    expect(error.unexpectedKeys).toEqual(["mobilenet_v1.layer.99.convolution.weight"]);
    expect(error.missingKeys).toEqual([]);
  });

  it("refuses NaN or ±Infinity in a converted weight, as loading would", () => {
    const t = tensors();
    t.get("classifier.weight")!.data[0] = Number.NaN;
    expect(() => toHfCheckpoint({ config, tensors: t })).toThrow(NonFiniteWeightsError);
  });
});
