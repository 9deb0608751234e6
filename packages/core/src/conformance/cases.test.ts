import { referenceForward } from "@mobilenetv1/test-support/reference-forward";
import { describe, expect, it } from "vitest";
import { CONFORMANCE_CASES } from "./cases.js";
import { conformanceConfig, conformanceInput, conformanceStateDict } from "./fixture-model.js";

// The numbers every backend must reproduce come from the independent naive-loop forward pass
// (@mobilenetv1/test-support), which is itself checked against a PyTorch re-implementation of HF's modules.
describe("conformance expectations equal the reference forward", () => {
  for (const c of CONFORMANCE_CASES) {
    it(c.name, () => {
      const config = conformanceConfig({ tfPadding: c.tfPadding });
      const weights = new Map(
        [...conformanceStateDict(config)].map(([k, t]) => [
          k,
          { dims: [...t.dims], data: t.data as Float32Array },
        ]),
      );
      const r = referenceForward({
        config: {
          numChannels: 3,
          depthMultiplier: 0.25,
          minDepth: 8,
          tfPadding: c.tfPadding,
          layerNormEps: 0.001,
          numLabels: 4,
        },
        weights,
        input: { dims: [...c.inputDims], data: conformanceInput(c.inputDims).data },
      });
      const logits = Array.from(r.logits!.data);
      logits.forEach((v, i) => expect(Math.abs(v - c.logits[i]!)).toBeLessThan(1e-6));
      const channels = r.poolerOutput.dims[1]!;
      for (let b = 0; b < c.inputDims[0]; b++) {
        for (let j = 0; j < 4; j++) {
          expect(Math.abs(r.poolerOutput.data[b * channels + j]! - c.poolerHead[b * 4 + j]!)).toBeLessThan(
            1e-6,
          );
        }
      }
      expect(r.lastHiddenState.dims.slice(2)).toEqual(c.lastSpatial);
      // Distinct images must give distinct logits, or the cases would not catch a batching bug.
      if (c.inputDims[0] > 1) expect(logits.slice(0, 4)).not.toEqual(logits.slice(4, 8));
    });
  }
});
