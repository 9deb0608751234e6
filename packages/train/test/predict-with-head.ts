import type { ClassifierHead } from "../src/index.js";

/**
 * The class name a head gives each embedding row (argmax of `weight · x + bias`), computed here in plain
 * loops so the accuracy test judges the fitted numbers, not the classifier model built from them.
 */
export function predictWithHead(params: { head: ClassifierHead; embeddings: Float32Array }): string[] {
  const { head, embeddings } = params;
  const c = head.numFeatures;
  const k = head.classNames.length;
  const rows = embeddings.length / c;
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestLogit = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      let logit = head.bias[j]!;
      for (let i = 0; i < c; i++) logit += head.weight[j * c + i]! * embeddings[r * c + i]!;
      if (logit > bestLogit) {
        bestLogit = logit;
        best = j;
      }
    }
    out.push(head.classNames[best]!);
  }
  return out;
}

/** Fraction of `predicted` equal to `actual`, position by position. */
export function accuracy(params: { predicted: readonly string[]; actual: readonly string[] }): number {
  const { predicted, actual } = params;
  if (predicted.length !== actual.length || actual.length === 0) {
    throw new RangeError(`${predicted.length} predictions for ${actual.length} labels`);
  }
  return predicted.filter((p, i) => p === actual[i]).length / actual.length;
}
