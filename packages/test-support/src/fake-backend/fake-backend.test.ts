import {
  BackendError,
  type Executable,
  MobileNetV1Config,
  MobileNetV1ForImageClassification,
  Tensor,
} from "@mobilenetv1/core";
import type { StateDict } from "@mobilenetv1/core/weights";
import { describe, expect, it } from "vitest";
import { expectCloseToReference, referencePattern } from "../reference/reference-checks.js";
import { type RefConfig, randomWeights, referenceForward } from "../reference/reference-forward.js";
import { referenceForwardWithOptions } from "../reference/reference-forward-options.js";
import { createFakeBackend } from "./fake-backend.js";

// The fake backend interprets core's ONNX graphs; the naive reference forward never sees them. Agreeing
// with it on every graph shape core's model tests use is what lets those tests trust the fake.
function small(overrides: Partial<RefConfig> = {}): {
  ref: RefConfig;
  stateDict: StateDict;
  config: MobileNetV1Config;
} {
  const ref: RefConfig = {
    numChannels: 3,
    depthMultiplier: 0.25,
    minDepth: 8,
    tfPadding: true,
    layerNormEps: 0.001,
    numLabels: 5,
    hiddenAct: "relu6",
    ...overrides,
  };
  const weights = randomWeights({ config: ref, seed: 7 });
  const stateDict: StateDict = new Map(
    [...weights].map(([k, t]) => [k, new Tensor({ dims: t.dims, data: t.data })]),
  );
  const config = new MobileNetV1Config({
    depthMultiplier: ref.depthMultiplier,
    minDepth: ref.minDepth,
    tfPadding: ref.tfPadding,
    numLabels: ref.numLabels,
    hiddenAct: ref.hiddenAct,
  });
  return { ref, stateDict, config };
}

describe("createFakeBackend", () => {
  for (const c of [
    { tfPadding: true, dims: [2, 3, 33, 47] },
    { tfPadding: false, dims: [1, 3, 32, 32], hiddenAct: "relu" as const },
  ]) {
    it(`computes the reference forward's logits and hidden states (tf_padding ${c.tfPadding}, ${c.dims.join("×")})`, async () => {
      const { ref, stateDict, config } = small({ tfPadding: c.tfPadding, hiddenAct: c.hiddenAct ?? "relu6" });
      const input = referencePattern(c.dims);
      const expected = referenceForward({
        config: ref,
        weights: randomWeights({ config: ref, seed: 7 }),
        input,
      });
      const backend = createFakeBackend();
      const model = await MobileNetV1ForImageClassification.fromStateDict({ config, stateDict, backend });
      const out = await model.forward({
        pixelValues: new Tensor({ dims: c.dims, data: input.data }),
        outputHiddenStates: true,
      });
      expectCloseToReference({ actual: out.logits, expected: expected.logits!, what: "logits", atol: 1e-4 });
      out.hiddenStates!.forEach((h, i) =>
        expectCloseToReference({
          actual: h,
          expected: expected.hiddenStates[i]!,
          what: `hidden ${i}`,
          atol: 1e-4,
        }),
      );
      expect(backend.calls).toMatchObject({ init: 1, createExecutable: 1, run: 1 });
    });
  }

  it("follows TF-slim's options: output stride 16 (dilations) and the AvgPool_1a head", async () => {
    const { ref, stateDict, config } = small();
    const input = referencePattern([1, 3, 64, 48]);
    const options = { outputStride: 16, poolingHead: "tf-slim-avgpool" } as const;
    const expected = referenceForwardWithOptions({
      config: ref,
      weights: randomWeights({ config: ref, seed: 7 }),
      input,
      options,
    });
    const model = await MobileNetV1ForImageClassification.fromStateDict({
      config,
      stateDict,
      backend: createFakeBackend(),
      ...options,
    });
    const out = await model.forward({ pixelValues: new Tensor({ dims: input.dims, data: input.data }) });
    expectCloseToReference({ actual: out.logits, expected: expected.logits!, what: "logits", atol: 1e-4 });
  });

  it("reads large weights from external data when it declares externalWeights", async () => {
    const { ref, stateDict, config } = small();
    const input = referencePattern([1, 3, 32, 32]);
    const expected = referenceForward({
      config: ref,
      weights: randomWeights({ config: ref, seed: 7 }),
      input,
    });
    const backend = createFakeBackend({ externalWeights: true });
    const model = await MobileNetV1ForImageClassification.fromStateDict({ config, stateDict, backend });
    const out = await model.forward({ pixelValues: new Tensor({ dims: input.dims, data: input.data }) });
    expectCloseToReference({ actual: out.logits, expected: expected.logits!, what: "logits", atol: 1e-4 });
  });

  it("refuses to run a disposed executable, and records the calls", async () => {
    const { config } = small();
    const backend = createFakeBackend();
    const made: Executable[] = [];
    const create = backend.createExecutable.bind(backend);
    backend.createExecutable = async (params) => {
      const executable = await create(params);
      made.push(executable);
      return executable;
    };
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend });
    const pixelValues = new Tensor({ dims: [1, 3, 32, 32] });
    await model.forward({ pixelValues });
    await model.dispose();
    expect(backend.calls).toMatchObject({ init: 1, createExecutable: 1, run: 1, dispose: 1 });
    await expect(made[0]!.run({ pixel_values: pixelValues })).rejects.toThrow(BackendError);
  });
});
