import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Backend,
  type GraphDescription,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import { parameterPlan } from "@mobilenetv1/core/graph";
import type { RefConfig, RefTensor } from "@mobilenetv1/test-support/reference-forward";
import { referenceForwardWithOptions } from "@mobilenetv1/test-support/reference-forward-options";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// output_stride 16 and 8 on real checkpoints and the COCO cats image (HF's preprocessing, from
// ../shared/hf/keras_mobilenet_v1_0.75_224/reference_pixel_values.bin).
const backend = createNodeBackend();
const d075 = requireShared("hf/keras_mobilenet_v1_0.75_224");
const d025 = requireShared("hf/keras_mobilenet_v1_0.25_224");

async function catsPixelValues(dir: string): Promise<Tensor> {
  const bytes = await readFile(join(dir, "reference_pixel_values.bin"));
  return new Tensor({ dims: [1, 3, 224, 224], data: new Float32Array(new Uint8Array(bytes).buffer) });
}

describe.skipIf(!d075 || !d025)("output_stride on real weights", () => {
  it("0.75: feature maps of 7×7, 14×14 and 28×28 at output stride 32, 16 and 8", async () => {
    const pixelValues = await catsPixelValues(d075!);
    const model = await MobileNetV1Model.fromPretrained(d075!, { backend });
    const layers = [
      "Conv2d_5_pointwise",
      "Conv2d_11_pointwise",
      "Conv2d_12_pointwise",
      "Conv2d_13_pointwise",
    ];
    const sizes: Record<number, number[][]> = {
      32: [
        [1, 192, 28, 28],
        [1, 384, 14, 14],
        [1, 768, 7, 7],
        [1, 768, 7, 7],
      ],
      16: [
        [1, 192, 28, 28],
        [1, 384, 14, 14],
        [1, 768, 14, 14],
        [1, 768, 14, 14],
      ],
      8: [
        [1, 192, 28, 28],
        [1, 384, 28, 28],
        [1, 768, 28, 28],
        [1, 768, 28, 28],
      ],
    };
    for (const outputStride of [32, 16, 8] as const) {
      const f = await model.withOptions({ outputStride }).features({ pixelValues, layers });
      expect(
        Object.values(f).map((t) => t.dims),
        `output stride ${outputStride}`,
      ).toEqual(sizes[outputStride]);
    }
    const out = await model.withOptions({ outputStride: 8 }).forward({ pixelValues });
    expect(out.lastHiddenState.dims).toEqual([1, 768, 28, 28]);
    expect(out.poolerOutput.dims).toEqual([1, 768]);
    await model.dispose();
  });

  for (const outputStride of [16, 8] as const) {
    it(`0.25 at output stride ${outputStride}: the dilated graph equals the plain-TS reference`, async () => {
      const pixelValues = await catsPixelValues(d075!);
      const model = await MobileNetV1ForImageClassification.fromPretrained(d025!, { backend, outputStride });
      const ref: RefConfig = {
        numChannels: 3,
        depthMultiplier: 0.25,
        minDepth: 8,
        tfPadding: true,
        layerNormEps: 0.001,
        numLabels: 1000,
      };
      const weights = new Map<string, RefTensor>(
        parameterPlan({ config: model.config, withClassifier: true }).map((s) => [
          s.key,
          { dims: [...s.dims], data: model.weights.get(s.key)! },
        ]),
      );
      const expected = referenceForwardWithOptions({
        config: ref,
        weights,
        input: { dims: [...pixelValues.dims], data: pixelValues.data },
        options: { outputStride },
      });
      const { logits } = await model.forward({ pixelValues });
      expect(maxAbsDiff(logits.data, expected.logits!.data)).toBeLessThanOrEqual(1e-4);
      const f = await model.features({ pixelValues, layers: ["Conv2d_13_pointwise"] });
      expect(f.Conv2d_13_pointwise!.dims).toEqual([1, 256, 224 / outputStride, 224 / outputStride]);
      // ReLU6 maps reach 6: float32 sums in another order after 27 layers differ by ~1e-4 there (1e-4 relative).
      expect(
        maxAbsDiff(f.Conv2d_13_pointwise!.data, expected.endPoints.get("Conv2d_13_pointwise")!.data),
      ).toBeLessThanOrEqual(6e-4);
      await model.dispose();
    });
  }

  it("output stride 32 is HF's graph: identical bytes and bit-identical logits to the default model", async () => {
    const pixelValues = await catsPixelValues(d075!);
    const graphs: GraphDescription[] = [];
    const spy: Backend = {
      name: "spy",
      init: () => backend.init(),
      createExecutable: (p) => {
        graphs.push(p.graph);
        return backend.createExecutable(p);
      },
    };
    const plain = await MobileNetV1ForImageClassification.fromPretrained(d075!, { backend: spy });
    const explicit = await MobileNetV1ForImageClassification.fromPretrained(d075!, {
      backend: spy,
      outputStride: 32,
      poolingHead: "global",
    });
    const a = (await plain.forward({ pixelValues })).logits;
    const b = (await explicit.forward({ pixelValues })).logits;
    expect(Buffer.from(graphs[1]!.onnx).equals(Buffer.from(graphs[0]!.onnx))).toBe(true);
    expect(b.data).toEqual(a.data);
    await plain.dispose();
    await explicit.dispose();
  });
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
