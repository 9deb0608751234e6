import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { confusionMatrix } from "./confusion-matrix.js";

describe("confusionMatrix", () => {
  it("counts [actual][predicted] pairs, as sklearn's confusion_matrix", () => {
    // sklearn.metrics.confusion_matrix([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2]) == [[1,1,0],[0,2,0],[1,0,2]]
    expect(
      confusionMatrix({ actual: [0, 0, 1, 1, 2, 2, 2], predicted: [0, 1, 1, 1, 2, 0, 2], numClasses: 3 }),
    ).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 2],
    ]);
    expect(confusionMatrix({ actual: [], predicted: [], numClasses: 2 })).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("refuses lists of different lengths and indices out of range", () => {
    expect(() => confusionMatrix({ actual: [0], predicted: [], numClasses: 2 })).toThrow(InputError);
    expect(() => confusionMatrix({ actual: [2], predicted: [0], numClasses: 2 })).toThrow(/actual\[0\]/);
    expect(() => confusionMatrix({ actual: [0], predicted: [0.5], numClasses: 2 })).toThrow(/predicted\[0\]/);
    expect(() => confusionMatrix({ actual: [], predicted: [], numClasses: 0 })).toThrow(InputError);
  });
});
