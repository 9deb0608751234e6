import {
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
import { describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// Core's ONNX graphs on onnxruntime-node against the independent naive-loop forward in @mobilenetv1/test-support
// (itself checked against a PyTorch re-implementation of HF's modules).
interface Case {
  dm: number;
  minDepth?: number;
  tfPadding: boolean;
  dims: [number, number, number, number];
  act?: "relu6" | "relu";
}
const cases: Case[] = [
  { dm: 0.25, tfPadding: true, dims: [1, 3, 33, 47] },
  { dm: 0.25, tfPadding: false, dims: [1, 3, 33, 47] },
  { dm: 0.5, tfPadding: true, dims: [1, 3, 32, 32] },
  { dm: 0.5, tfPadding: false, dims: [3, 3, 32, 32] },
  { dm: 0.75, tfPadding: true, dims: [3, 3, 33, 47] },
  { dm: 1.0, tfPadding: true, dims: [1, 3, 225, 225] },
  { dm: 1.4, tfPadding: true, dims: [1, 3, 47, 33] },
  { dm: 1.4, tfPadding: false, dims: [1, 3, 32, 32] },
  { dm: 0.25, minDepth: 16, tfPadding: true, dims: [1, 3, 225, 225] },
  { dm: 0.25, minDepth: 16, tfPadding: false, dims: [2, 3, 33, 47], act: "relu" },
];

describe("ONNX graph on onnxruntime-node vs the plain-TypeScript reference forward", () => {
  const backend = createNodeBackend();
  for (const c of cases) {
    const name = `dm ${c.dm}, min_depth ${c.minDepth ?? 8}, tf_padding ${c.tfPadding}, input ${c.dims.join("×")}${c.act ? `, ${c.act}` : ""}`;
    it(name, async () => {
      const ref: RefConfig = {
        numChannels: 3,
        depthMultiplier: c.dm,
        minDepth: c.minDepth ?? 8,
        tfPadding: c.tfPadding,
        layerNormEps: 0.001,
        numLabels: 7,
        hiddenAct: c.act ?? "relu6",
      };
      const weights = randomWeights({ config: ref, seed: 17 });
      const input = referencePattern(c.dims);
      const expected = referenceForward({ config: ref, weights, input });

      const config = new MobileNetV1Config({
        depthMultiplier: c.dm,
        minDepth: ref.minDepth,
        tfPadding: c.tfPadding,
        numLabels: 7,
        hiddenAct: ref.hiddenAct,
      });
      const stateDict: StateDict = new Map(
        [...weights].map(([k, t]) => [k, new Tensor({ dims: t.dims, data: t.data })]),
      );
      const classifier = await MobileNetV1ForImageClassification.fromStateDict({
        config,
        stateDict,
        backend,
      });
      const out = await classifier.forward({
        pixelValues: new Tensor({ dims: c.dims, data: input.data }),
        outputHiddenStates: true,
      });
      expectClose(out.logits, expected.logits!, "logits");
      expect(out.hiddenStates).toHaveLength(26);
      out.hiddenStates!.forEach((h, i) => expectClose(h, expected.hiddenStates[i]!, `hidden_states[${i}]`));

      const base = await MobileNetV1Model.fromStateDict({ config, stateDict, backend });
      const feats = await base.forward({ pixelValues: new Tensor({ dims: c.dims, data: input.data }) });
      expectClose(feats.poolerOutput, expected.poolerOutput, "pooler_output");
      expectClose(feats.lastHiddenState, expected.lastHiddenState, "last_hidden_state");
      await classifier.dispose();
      await base.dispose();
    });
  }
});

function expectClose(
  actual: { dims: readonly number[]; data: Float32Array },
  expected: RefTensor,
  what: string,
): void {
  expectCloseToReference({ actual, expected, what, atol: 1e-4 });
}
