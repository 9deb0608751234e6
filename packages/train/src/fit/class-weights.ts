import { InputError } from "@mobilenetv1/core";
import type { ClassWeight } from "../types.js";

/**
 * The weight of each class, as sklearn's `class_weight`: `"balanced"` gives class k the weight
 * n / (K · nₖ) over the training rows (so each class weighs the same in total); a record gives weights by
 * class name, 1 for classes it does not name; undefined weighs every class 1.
 *
 * @throws InputError for a record naming an unknown class or holding a weight that is not a positive finite number.
 * @example
 * classWeights({ classWeight: "balanced", classNames: ["a", "b"], y: Int32Array.of(0, 0, 0, 1) }) // Float64Array [0.667, 2]
 */
export function classWeights(params: {
  classWeight: ClassWeight | undefined;
  classNames: readonly string[];
  /** Class index of each training row. */
  y: Int32Array;
}): Float64Array {
  const { classWeight, classNames, y } = params;
  const k = classNames.length;
  const weights = new Float64Array(k).fill(1);
  if (classWeight === undefined) return weights;
  if (classWeight === "balanced") {
    const counts = new Float64Array(k);
    for (const cls of y) counts[cls]!++;
    for (let cls = 0; cls < k; cls++) weights[cls] = counts[cls]! > 0 ? y.length / (k * counts[cls]!) : 1;
    return weights;
  }
  if (typeof classWeight !== "object" || classWeight === null || Array.isArray(classWeight)) {
    throw new InputError({
      argument: "classWeight",
      value: classWeight,
      expected: '"balanced" or a record of positive weights by class name',
    });
  }
  const index = new Map(classNames.map((name, i) => [name, i]));
  for (const [name, weight] of Object.entries(classWeight)) {
    const cls = index.get(name);
    if (cls === undefined) {
      throw new InputError({
        argument: "classWeight",
        value: name,
        expected: `a class name, one of ${JSON.stringify(classNames)}`,
      });
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight <= 0) {
      throw new InputError({
        argument: `classWeight[${JSON.stringify(name)}]`,
        value: weight,
        expected: "a positive finite number",
      });
    }
    weights[cls] = weight;
  }
  return weights;
}
