import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { transpose } from "./tensor-layout.js";

describe("transpose", () => {
  it("permutes axes as numpy does", () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(transpose({ tensor: { dims: [2, 3], data }, perm: [1, 0] })).toEqual({
      dims: [3, 2],
      data: Float32Array.from([1, 4, 2, 5, 3, 6]),
    });
  });

  it.each([
    ["a perm of the wrong length", [2, 3], [0], /perm/],
    ["a perm that repeats an axis", [2, 3], [0, 0], /perm/],
    ["dims that do not describe the data", [2, 4], [1, 0], /tensor\.dims/],
    ["dims smaller than the data", [1, 3], [1, 0], /tensor\.dims/],
  ])("%s → InputError, not a read past the data", (_name, dims, perm, message) => {
    const data = new Float32Array(6);
    expect(() => transpose({ tensor: { dims, data }, perm })).toThrow(InputError);
    expect(() => transpose({ tensor: { dims, data }, perm })).toThrow(message);
  });
});
