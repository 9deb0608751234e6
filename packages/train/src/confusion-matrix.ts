import { InputError } from "@mobilenetv1/core";

/**
 * Counts of each (actual, predicted) pair: `matrix[actual][predicted]`, as sklearn's `confusion_matrix`
 * (rows are the true classes). The diagonal holds the right answers.
 *
 * @throws InputError when the two lists differ in length or hold an index outside [0, numClasses).
 * @example
 * confusionMatrix({ actual: [0, 0, 1, 1], predicted: [0, 1, 1, 1], numClasses: 2 }) // [[1, 1], [0, 2]]
 */
export function confusionMatrix(params: {
  /** True class index per example. */
  actual: readonly number[];
  /** Predicted class index per example. */
  predicted: readonly number[];
  /** K: the matrix is K × K. */
  numClasses: number;
}): number[][] {
  const { actual, predicted, numClasses } = params;
  if (!Number.isSafeInteger(numClasses) || numClasses < 1) {
    throw new InputError({ argument: "numClasses", value: numClasses, expected: "a positive integer" });
  }
  if (actual.length !== predicted.length) {
    throw new InputError({
      argument: "predicted.length",
      value: predicted.length,
      expected: `${actual.length}, the length of actual`,
    });
  }
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const check = (list: string, i: number, v: number) => {
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      throw new InputError({
        argument: `${list}[${i}]`,
        value: v,
        expected: `an integer in [0, ${numClasses})`,
      });
    }
  };
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    check("actual", i, a);
    check("predicted", i, p);
    matrix[a]![p]!++;
  }
  return matrix;
}
