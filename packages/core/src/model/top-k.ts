import { InputError } from "../errors/errors.js";
import type { Tensor } from "../tensor.js";
import { assertFiniteInput } from "./non-finite.js";

/** One prediction: class index, its label and its softmax probability. */
export interface Prediction {
  readonly index: number;
  readonly label: string;
  readonly score: number;
}

/**
 * The `k` most probable classes of each row of `logits` [B, num_labels], with softmax scores. Logits
 * holding NaN or ±Infinity are refused (`NonFiniteInputError`, code INPUT_INVALID) rather than ranked into "NaN %".
 *
 * @example
 * topK({ logits, id2label: config.id2label, k: 1 })
 * // [[{ index: 281, label: "tabby, tabby cat", score: 0.7919 }]]
 */
export function topK(params: {
  logits: Tensor;
  id2label: Readonly<Record<number, string>>;
  k?: number;
}): Prediction[][] {
  const [batch, n] = params.logits.dims as [number, number];
  const k = params.k ?? 5;
  if (params.logits.dims.length !== 2) {
    throw new InputError({
      argument: "logits.dims",
      value: params.logits.dims,
      expected: "[batch, num_labels]",
    });
  }
  if (!Number.isInteger(k) || k < 1)
    throw new InputError({ argument: "k", value: k, expected: "an integer >= 1" });
  assertFiniteInput({ argument: "logits.data", data: params.logits.data });
  const out: Prediction[][] = [];
  for (let b = 0; b < batch; b++) {
    const row = params.logits.data.subarray(b * n, (b + 1) * n);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of row) if (v > max) max = v;
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const order = Array.from(row.keys()).sort((i, j) => row[j]! - row[i]! || i - j);
    out.push(
      order.slice(0, Math.min(k, n)).map((index) => ({
        index,
        label: params.id2label[index] ?? `LABEL_${index}`,
        score: Math.exp(row[index]! - max) / sum,
      })),
    );
  }
  return out;
}
