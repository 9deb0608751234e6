/**
 * core's model API, tested in core: the classes run on the fake backend from @mobilenetv1/test-support
 * (plain-loop ONNX interpretation, no runtime), and their numbers are checked against the independent
 * naive reference forward. The real runtimes are tested in the backend packages.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeBackend } from "@mobilenetv1/test-support/fake-backend";
import { expectCloseToReference, referencePattern } from "@mobilenetv1/test-support/reference-checks";
import { type RefConfig, randomWeights, referenceForward } from "@mobilenetv1/test-support/reference-forward";
import { referenceForwardWithOptions } from "@mobilenetv1/test-support/reference-forward-options";
import { afterEach, describe, expect, it } from "vitest";
import { resetBackendRegistry } from "../src/backend/registry.js";
import {
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  registerBackend,
  Tensor,
} from "../src/index.js";
import type { StateDict } from "../src/weights/index.js";

const REF: RefConfig = {
  numChannels: 3,
  depthMultiplier: 0.25,
  minDepth: 8,
  tfPadding: true,
  layerNormEps: 0.001,
  numLabels: 4,
  hiddenAct: "relu6",
};
const WEIGHTS = randomWeights({ config: REF, seed: 11 });
const INPUT = referencePattern([2, 3, 40, 36]);
const EXPECTED = referenceForward({ config: REF, weights: WEIGHTS, input: INPUT });
const ATOL = 1e-4;

function config(): MobileNetV1Config {
  return new MobileNetV1Config({
    depthMultiplier: REF.depthMultiplier,
    numLabels: REF.numLabels,
    id2label: { 0: "zero", 1: "one", 2: "two", 3: "three" },
  });
}
function stateDict(): StateDict {
  return new Map([...WEIGHTS].map(([k, t]) => [k, new Tensor({ dims: t.dims, data: t.data })]));
}
function pixelValues(): Tensor {
  return new Tensor({ dims: INPUT.dims, data: INPUT.data });
}
async function classifier(backend = createFakeBackend()) {
  return MobileNetV1ForImageClassification.fromStateDict({
    config: config(),
    stateDict: stateDict(),
    backend,
  });
}

describe("MobileNetV1ForImageClassification on the fake backend", () => {
  it("forward returns the reference logits and, when asked, the 26 hidden states", async () => {
    const model = await classifier();
    const out = await model.forward({ pixelValues: pixelValues(), outputHiddenStates: true });
    expectCloseToReference({ actual: out.logits, expected: EXPECTED.logits!, what: "logits", atol: ATOL });
    expect(out.hiddenStates).toHaveLength(26);
    expectCloseToReference({
      actual: out.hiddenStates![25]!,
      expected: EXPECTED.hiddenStates[25]!,
      what: "hidden_states[25]",
      atol: ATOL,
    });
    expect(out.loss).toBeUndefined();
  });

  it("topK ranks each row by softmax score and names classes from id2label", async () => {
    const model = await classifier();
    const { logits } = await model.forward({ pixelValues: pixelValues() });
    const top = model.topK({ logits, k: 2 });
    expect(top).toHaveLength(2);
    for (let b = 0; b < 2; b++) {
      const row = Array.from(logits.data.slice(b * 4, b * 4 + 4));
      const order = row.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
      const z = row.reduce((s, v) => s + Math.exp(v), 0);
      expect(top[b]!.map((p) => p.index)).toEqual([order[0]![1], order[1]![1]]);
      expect(top[b]![0]!.label).toBe(["zero", "one", "two", "three"][order[0]![1]]);
      expect(top[b]![0]!.score).toBeCloseTo(Math.exp(order[0]![0]) / z, 6);
    }
  });

  it("forward with labels adds HF's loss for the config's problem type", async () => {
    const model = await classifier();
    const out = await model.forward({ pixelValues: pixelValues(), labels: [1, 3] });
    expect(out.problemType).toBe("single_label_classification");
    expect(out.loss).toBeGreaterThan(0);
  });

  it("builds one executable per output set, lazily, and reuses it", async () => {
    const backend = createFakeBackend();
    const model = await classifier(backend);
    expect(backend.calls.createExecutable).toBe(0);
    await model.forward({ pixelValues: pixelValues() });
    await model.forward({ pixelValues: pixelValues() });
    expect(backend.calls).toMatchObject({ init: 1, createExecutable: 1, run: 2 });
    await model.forward({ pixelValues: pixelValues(), outputHiddenStates: true });
    expect(backend.calls.createExecutable).toBe(2);
  });

  it("features returns the asked layers by end-point name or HF index, in the order asked", async () => {
    const model = await classifier();
    const f = await model.features({ pixelValues: pixelValues(), layers: ["Conv2d_5_pointwise", 25] });
    expect(Object.keys(f)).toEqual(["Conv2d_5_pointwise", "Conv2d_13_pointwise"]);
    expectCloseToReference({
      actual: f["Conv2d_5_pointwise"]!,
      expected: EXPECTED.hiddenStates[9]!,
      what: "Conv2d_5_pointwise",
      atol: ATOL,
    });
    expectCloseToReference({
      actual: f["Conv2d_13_pointwise"]!,
      expected: EXPECTED.hiddenStates[25]!,
      what: "Conv2d_13_pointwise",
      atol: ATOL,
    });
  });

  it("withOptions shares the weights and runs TF-slim's dilated network, leaving the original as it was", async () => {
    const model = await classifier();
    const dense = model.withOptions({ outputStride: 16 });
    expect(dense).toBeInstanceOf(MobileNetV1ForImageClassification);
    expect(dense.options).toEqual({ outputStride: 16, poolingHead: "global" });
    expect(model.options).toEqual({ outputStride: 32, poolingHead: "global" });
    expect(dense.weights).toBe(model.weights);
    const expected = referenceForwardWithOptions({
      config: REF,
      weights: WEIGHTS,
      input: INPUT,
      options: { outputStride: 16 },
    });
    const out = await dense.forward({ pixelValues: pixelValues() });
    expectCloseToReference({
      actual: out.logits,
      expected: expected.logits!,
      what: "dilated logits",
      atol: ATOL,
    });
    const plain = await model.forward({ pixelValues: pixelValues() });
    expectCloseToReference({ actual: plain.logits, expected: EXPECTED.logits!, what: "logits", atol: ATOL });
  });

  it("to() moves to another backend, releasing the old executables; dispose() releases, and forward rebuilds", async () => {
    const first = createFakeBackend({ name: "first" });
    const second = createFakeBackend({ name: "second" });
    const model = await classifier(first);
    await model.forward({ pixelValues: pixelValues() });
    expect(await model.to({ backend: second })).toBe(model);
    expect(model.backend).toBe(second);
    expect(first.calls.dispose).toBe(1);
    const out = await model.forward({ pixelValues: pixelValues() });
    expect(second.calls).toMatchObject({ init: 1, createExecutable: 1, run: 1 });
    expectCloseToReference({ actual: out.logits, expected: EXPECTED.logits!, what: "logits", atol: ATOL });
    await model.dispose();
    expect(second.calls.dispose).toBe(1);
    await model.forward({ pixelValues: pixelValues() });
    expect(second.calls.createExecutable).toBe(2);
  });

  it("savePretrained writes an HF folder that fromPretrained loads back to the same numbers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "core-model-api-"));
    try {
      const model = await classifier();
      await model.savePretrained({ dir });
      expect((await readdir(dir)).sort()).toEqual(["config.json", "model.safetensors"]);
      const loaded = await MobileNetV1ForImageClassification.fromPretrained(dir, {
        backend: createFakeBackend(),
      });
      expect(loaded.loadingInfo).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
      expect(loaded.config.id2label[3]).toBe("three");
      const out = await loaded.forward({ pixelValues: pixelValues() });
      expectCloseToReference({ actual: out.logits, expected: EXPECTED.logits!, what: "logits", atol: ATOL });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("fromConfig initializes from its seed: the same seed gives the same weights, another seed others", async () => {
    const backend = createFakeBackend();
    const a = await MobileNetV1ForImageClassification.fromConfig({ config: config(), seed: 1, backend });
    const b = await MobileNetV1ForImageClassification.fromConfig({ config: config(), seed: 1, backend });
    const c = await MobileNetV1ForImageClassification.fromConfig({ config: config(), seed: 2, backend });
    const key = "mobilenet_v1.layer.4.convolution.weight";
    expect(a.weights.get(key)).toEqual(b.weights.get(key));
    expect(a.weights.get(key)).not.toEqual(c.weights.get(key));
    const out = await a.forward({ pixelValues: pixelValues() });
    expect(out.logits.dims).toEqual([2, 4]);
  });
});

describe("MobileNetV1Model on the fake backend", () => {
  afterEach(() => resetBackendRegistry());

  it("runs the backbone on the registered backend when none is named", async () => {
    const backend = createFakeBackend();
    registerBackend({ backend });
    const model = await MobileNetV1Model.fromStateDict({ config: config(), stateDict: stateDict() });
    expect(model.backend).toBe(backend);
    const out = await model.forward({ pixelValues: pixelValues() });
    expectCloseToReference({
      actual: out.lastHiddenState,
      expected: EXPECTED.lastHiddenState,
      what: "last_hidden_state",
      atol: ATOL,
    });
    expectCloseToReference({
      actual: out.poolerOutput,
      expected: EXPECTED.poolerOutput,
      what: "pooler_output",
      atol: ATOL,
    });
  });
});
