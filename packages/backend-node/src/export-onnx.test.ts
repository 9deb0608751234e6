import {
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import { exportOnnx, ONNX_OPSET, parameterPlan } from "@mobilenetv1/core/graph";
import { randomInitWeights, type StateDict } from "@mobilenetv1/core/weights";
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// exportOnnx's bytes loaded by onnxruntime-node directly (no SDK in between) against the SDK's forward.
const backend = createNodeBackend();
const config = new MobileNetV1Config({ depthMultiplier: 0.5, numLabels: 11 });
// A wider init than HF's 0.02 so the logits depend on the input (see reference-forward.ts on why).
const weights = randomInitWeights({
  config: config.with({ initializerRange: 0.2 }),
  withClassifier: true,
  seed: 3,
});
const stateDict: StateDict = new Map(
  parameterPlan({ config, withClassifier: true }).map((s) => [
    s.key,
    new Tensor({ dims: s.dims, data: weights.get(s.key)! }),
  ]),
);

async function runExported(bytes: Uint8Array, input: Tensor): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await session.run({ pixel_values: new ort.Tensor("float32", input.data, [...input.dims]) });
  } finally {
    await session.release();
  }
}

function pattern(dims: number[]): Tensor {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.13) * 0.9;
  return new Tensor({ dims, data });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("exportOnnx in onnxruntime-node vs the SDK", () => {
  it(`declares opset ${ONNX_OPSET}, named input/outputs, dynamic batch and spatial size`, async () => {
    const model = await MobileNetV1ForImageClassification.fromStateDict({ config, stateDict, backend });
    const session = await ort.InferenceSession.create(exportOnnx({ model }));
    expect(session.inputNames).toEqual(["pixel_values"]);
    expect(session.outputNames).toEqual(["logits"]);
    await session.release();
  });

  for (const dims of [
    [1, 3, 224, 224],
    [2, 3, 160, 160],
    [1, 3, 193, 257],
    [3, 3, 64, 96],
  ]) {
    it(`classifier logits ≤ 1e-5 from the SDK's at ${dims.join("×")}`, async () => {
      const model = await MobileNetV1ForImageClassification.fromStateDict({ config, stateDict, backend });
      const input = pattern(dims);
      const exported = await runExported(exportOnnx({ model }), input);
      const { logits } = await model.forward({ pixelValues: input });
      expect(exported.logits!.dims).toEqual(logits.dims);
      expect(maxAbsDiff(exported.logits!.data as Float32Array, logits.data)).toBeLessThanOrEqual(1e-5);
      await model.dispose();
    });
  }

  it("base model, output stride 16, TF-slim head and feature layers at two sizes", async () => {
    const base = await MobileNetV1Model.fromStateDict({ config, stateDict, backend, outputStride: 16 });
    const classifier = await MobileNetV1ForImageClassification.fromStateDict({
      config,
      stateDict,
      backend,
      outputStride: 16,
      poolingHead: "tf-slim-avgpool",
    });
    const bytes = exportOnnx({
      model: base,
      outputs: ["last_hidden_state", "pooler_output"],
      featureLayers: ["Conv2d_5_pointwise", 21],
    });
    const slim = exportOnnx({ model: classifier });
    for (const dims of [
      [1, 3, 224, 224],
      [2, 3, 321, 257],
    ]) {
      const input = pattern(dims);
      const exported = await runExported(bytes, input);
      const out = await base.forward({ pixelValues: input });
      const f = await base.features({ pixelValues: input, layers: ["Conv2d_5_pointwise", 21] });
      expect(
        maxAbsDiff(exported.last_hidden_state!.data as Float32Array, out.lastHiddenState.data),
      ).toBeLessThanOrEqual(1e-5);
      expect(
        maxAbsDiff(exported.pooler_output!.data as Float32Array, out.poolerOutput.data),
      ).toBeLessThanOrEqual(1e-5);
      expect(
        maxAbsDiff(exported.Conv2d_5_pointwise!.data as Float32Array, f.Conv2d_5_pointwise!.data),
      ).toBeLessThanOrEqual(1e-5);
      expect(
        maxAbsDiff(exported.Conv2d_11_pointwise!.data as Float32Array, f.Conv2d_11_pointwise!.data),
      ).toBeLessThanOrEqual(1e-5);

      // Size-agnostic TF-slim head: 7×7 kernel, 4-D logits; the SDK squeezes only a 1×1 map.
      const spatial = (await runExported(slim, input)).logits!;
      const { logits } = await classifier.forward({ pixelValues: input });
      expect(spatial.dims.slice(0, 2)).toEqual([dims[0], 11]);
      expect(maxAbsDiff(spatial.data as Float32Array, logits.data)).toBeLessThanOrEqual(1e-5);
    }
    await base.dispose();
    await classifier.dispose();
  });
});
