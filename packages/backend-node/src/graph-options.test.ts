import {
  type Backend,
  type GraphDescription,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import type { StateDict } from "@mobilenetv1/core/weights";
import { expectCloseToReference, referencePattern } from "@mobilenetv1/test-support/reference-checks";
import {
  type RefConfig,
  type RefTensor,
  randomWeights,
  referenceForward,
} from "@mobilenetv1/test-support/reference-forward";
import {
  type RefOptions,
  referenceForwardWithOptions,
} from "@mobilenetv1/test-support/reference-forward-options";
import { describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// output_stride, TF-slim's pooling head and feature layers on onnxruntime-node, against the plain-TS
// reference written from TF-slim's mobilenet_v1.py (@mobilenetv1/test-support/reference-forward-options).
const backend = createNodeBackend();
const TOL = 1e-4;

interface Case {
  dm: number;
  tfPadding: boolean;
  dims: [number, number, number, number];
  options: RefOptions;
}
const cases: Case[] = [
  { dm: 0.25, tfPadding: true, dims: [1, 3, 65, 47], options: { outputStride: 16 } },
  { dm: 0.25, tfPadding: true, dims: [2, 3, 67, 33], options: { outputStride: 8 } },
  { dm: 0.25, tfPadding: false, dims: [1, 3, 65, 47], options: { outputStride: 8 } },
  {
    dm: 0.5,
    tfPadding: true,
    dims: [1, 3, 33, 40],
    options: { outputStride: 16, poolingHead: "tf-slim-avgpool" },
  },
  {
    dm: 0.25,
    tfPadding: true,
    dims: [1, 3, 65, 97],
    options: { outputStride: 8, poolingHead: "tf-slim-avgpool" },
  },
  { dm: 0.25, tfPadding: true, dims: [1, 3, 289, 225], options: { poolingHead: "tf-slim-avgpool" } },
  { dm: 0.25, tfPadding: true, dims: [2, 3, 224, 224], options: { poolingHead: "tf-slim-avgpool" } },
  { dm: 0.25, tfPadding: false, dims: [1, 3, 97, 65], options: { poolingHead: "tf-slim-avgpool" } },
];

function setup(c: { dm: number; tfPadding: boolean }) {
  const ref: RefConfig = {
    numChannels: 3,
    depthMultiplier: c.dm,
    minDepth: 8,
    tfPadding: c.tfPadding,
    layerNormEps: 0.001,
    numLabels: 7,
  };
  const weights = randomWeights({ config: ref, seed: 23 });
  const config = new MobileNetV1Config({ depthMultiplier: c.dm, tfPadding: c.tfPadding, numLabels: 7 });
  const stateDict: StateDict = new Map(
    [...weights].map(([k, t]) => [k, new Tensor({ dims: t.dims, data: t.data })]),
  );
  return { ref, weights, config, stateDict };
}

describe("output_stride and the TF-slim pooling head vs the reference forward", () => {
  for (const c of cases) {
    it(`dm ${c.dm}, tf_padding ${c.tfPadding}, ${c.dims.join("×")}, ${JSON.stringify(c.options)}`, async () => {
      const { ref, weights, config, stateDict } = setup(c);
      const input = referencePattern(c.dims);
      const expected = referenceForwardWithOptions({ config: ref, weights, input, options: c.options });
      const pixelValues = new Tensor({ dims: c.dims, data: input.data });
      const classifier = await MobileNetV1ForImageClassification.fromStateDict({
        config,
        stateDict,
        backend,
        ...c.options,
      });
      expectClose((await classifier.forward({ pixelValues })).logits, expected.logits!, "logits");
      const base = await MobileNetV1Model.fromStateDict({ config, stateDict, backend, ...c.options });
      const out = await base.forward({ pixelValues, outputHiddenStates: true });
      expectClose(out.lastHiddenState, expected.lastHiddenState, "last_hidden_state");
      expectClose(out.poolerOutput, expected.poolerOutput, "pooler_output");
      out.hiddenStates!.forEach((h, i) => {
        expectClose(h, expected.endPoints.get(endPoint(i))!, `hidden_states[${i}]`);
      });
      await classifier.dispose();
      await base.dispose();
    });
  }

  it("with the defaults, the extended reference is the original reference", () => {
    const { ref, weights } = setup({ dm: 0.25, tfPadding: true });
    const input = referencePattern([1, 3, 45, 38]);
    const a = referenceForward({ config: ref, weights, input });
    const b = referenceForwardWithOptions({ config: ref, weights, input });
    expect(b.logits).toEqual(a.logits);
    expect(b.poolerOutput).toEqual(a.poolerOutput);
    for (const [i, h] of a.hiddenStates.entries()) expect(b.endPoints.get(endPoint(i))).toEqual(h);
  });
});

describe("feature layers vs the reference forward", () => {
  it("returns exactly the chosen layers, by HF index or TF-slim name, at output stride 16", async () => {
    const { ref, weights, config, stateDict } = setup({ dm: 0.25, tfPadding: true });
    const input = referencePattern([1, 3, 70, 51]);
    const expected = referenceForwardWithOptions({
      config: ref,
      weights,
      input,
      options: { outputStride: 16 },
    });
    const graphs: GraphDescription[] = [];
    const spy: Backend = {
      name: "spy",
      init: () => backend.init(),
      createExecutable: (p) => {
        graphs.push(p.graph);
        return backend.createExecutable(p);
      },
    };
    const model = await MobileNetV1Model.fromStateDict({ config, stateDict, backend: spy, outputStride: 16 });
    const f = await model.features({
      pixelValues: new Tensor({ dims: input.dims, data: input.data }),
      layers: ["Conv2d_0", 9, "Conv2d_11_pointwise", 23, 25],
    });
    expect(Object.keys(f)).toEqual([
      "Conv2d_0",
      "Conv2d_5_pointwise",
      "Conv2d_11_pointwise",
      "Conv2d_12_pointwise",
      "Conv2d_13_pointwise",
    ]);
    for (const [name, t] of Object.entries(f)) expectClose(t, expected.endPoints.get(name)!, name);
    expect(f.Conv2d_13_pointwise!.dims).toEqual([1, 256, 5, 4]); // ceil(70/16), ceil(51/16)
    // Only the chosen maps leave the graph, and no pooling or classifier is in it.
    expect(graphs[0]!.outputNames).toEqual(Object.keys(f));
    const text = Buffer.from(graphs[0]!.onnx).toString("latin1");
    expect(text).not.toContain("GlobalAveragePool");
    expect(text).not.toContain("classifier.");

    // A shallow selection stops at its deepest layer: nothing of block 6 onwards is built.
    await model.features({ pixelValues: new Tensor({ dims: input.dims, data: input.data }), layers: [1, 9] });
    const shallow = Buffer.from(graphs[1]!.onnx).toString("latin1");
    expect(shallow).toContain("mobilenet_v1.layer.9.convolution.weight");
    expect(shallow).not.toContain("mobilenet_v1.layer.10.");
    await model.dispose();
  });
});

/** HF's hidden_states[i] is TF-slim's end point for block ⌊i/2⌋ + 1. */
function endPoint(i: number): string {
  return `Conv2d_${Math.floor(i / 2) + 1}_${i % 2 === 0 ? "depthwise" : "pointwise"}`;
}

function expectClose(
  actual: { dims: readonly number[]; data: Float32Array },
  expected: RefTensor,
  what: string,
): void {
  expectCloseToReference({ actual, expected, what, atol: TOL });
}
