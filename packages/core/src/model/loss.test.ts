import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/errors.js";
import { Tensor } from "../tensor.js";
import { classificationLoss, type Labels, type ProblemType } from "./loss.js";

// PyTorch's numbers for the loss branch of transformers' MobileNetV1ForImageClassification.forward,
// written by test/fixtures/loss/make_loss_golden.py (torch, float32 logits, mean reduction).
interface GoldenCase {
  name: string;
  configProblemType: ProblemType | null;
  logits: { dims: number[]; values: number[] };
  labels: { dtype: "int64" | "float32"; dims: number[]; values: number[] };
  problemType: ProblemType;
  loss: number;
}
const golden: { cases: GoldenCase[] } = JSON.parse(
  readFileSync(new URL("../../test/fixtures/loss/loss_golden.json", import.meta.url), "utf8"),
);

/** Labels as a caller passes them: class indices as a plain array, float targets as a Tensor. */
function labelsOf(c: GoldenCase): Labels {
  return c.labels.dtype === "int64"
    ? c.labels.values
    : new Tensor({ dims: c.labels.dims, data: Float32Array.from(c.labels.values) });
}

describe("classificationLoss against PyTorch (HF's MobileNetV1ForImageClassification)", () => {
  it("the golden covers every problem type", () => {
    expect(new Set(golden.cases.map((c) => c.problemType))).toEqual(
      new Set(["regression", "single_label_classification", "multi_label_classification"]),
    );
  });

  for (const c of golden.cases) {
    it(`${c.name}: ${c.problemType}, loss ${c.loss}`, () => {
      const out = classificationLoss({
        logits: new Tensor({ dims: c.logits.dims, data: Float32Array.from(c.logits.values) }),
        labels: labelsOf(c),
        problemType: c.configProblemType,
      });
      expect(out.problemType).toBe(c.problemType);
      expect(Math.abs(out.loss - c.loss) / Math.abs(c.loss)).toBeLessThanOrEqual(1e-6);
    });
  }

  it("refuses class indices out of range and label counts that do not match the batch", () => {
    const logits = new Tensor({ dims: [2, 3], data: new Float32Array(6) });
    expect(() => classificationLoss({ logits, labels: [0, 3] })).toThrow(InputError);
    expect(() => classificationLoss({ logits, labels: [0] })).toThrow(InputError);
    const targets = new Tensor({ dims: [2, 2], data: new Float32Array(4) });
    expect(() => classificationLoss({ logits, labels: targets })).toThrow(InputError);
  });
});
