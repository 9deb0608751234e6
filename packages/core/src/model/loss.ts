import type { ProblemType } from "../config/defaults.js";
import { InputError } from "../errors/errors.js";
import type { Tensor } from "../tensor.js";

export type { ProblemType };

/** Labels: class indices for single-label classification, or float targets [B, num_labels] / [B]. */
export type Labels = readonly number[] | Int32Array | BigInt64Array | Tensor;

/**
 * HF's loss for image classification: `problem_type` from the config, else inferred as HF does
 * (num_labels 1 → regression; integer labels → single-label cross-entropy; float labels → multi-label
 * BCE-with-logits). Means over the batch, like PyTorch's default reduction.
 */
export function classificationLoss(params: {
  logits: Tensor;
  labels: Labels;
  problemType?: ProblemType | null;
}): {
  loss: number;
  problemType: ProblemType;
} {
  const [batch, n] = params.logits.dims as [number, number];
  const isTensor = !Array.isArray(params.labels) && !ArrayBuffer.isView(params.labels);
  const values = isTensor
    ? Array.from((params.labels as Tensor).data)
    : Array.from(params.labels as ArrayLike<number | bigint>, Number);
  const integral = !isTensor;
  const problemType: ProblemType =
    params.problemType ??
    (n === 1 ? "regression" : integral ? "single_label_classification" : "multi_label_classification");
  const z = params.logits.data;
  if (problemType === "single_label_classification") {
    if (values.length !== batch)
      throw new InputError({
        argument: "labels.length",
        value: values.length,
        expected: `${batch} class indices`,
      });
    let total = 0;
    for (let b = 0; b < batch; b++) {
      const label = values[b]!;
      if (!Number.isInteger(label) || label < 0 || label >= n) {
        throw new InputError({
          argument: `labels[${b}]`,
          value: label,
          expected: `an integer in [0, ${n - 1}]`,
        });
      }
      const row = z.subarray(b * n, (b + 1) * n);
      let max = Number.NEGATIVE_INFINITY;
      for (const v of row) if (v > max) max = v;
      let sum = 0;
      for (const v of row) sum += Math.exp(v - max);
      total += Math.log(sum) + max - row[label]!;
    }
    return { loss: total / batch, problemType };
  }
  if (values.length !== batch * n) {
    throw new InputError({
      argument: "labels",
      value: `${values.length} values`,
      expected: `${batch * n} (= batch × num_labels)`,
    });
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const x = z[i]!;
    const y = values[i]!;
    // BCE with logits in its stable form: max(x,0) - x·y + log(1 + e^-|x|).
    total +=
      problemType === "regression"
        ? (x - y) ** 2
        : Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
  }
  return { loss: total / values.length, problemType };
}
