import { expect, test } from "vitest";
import { PreprocessorConfigError } from "../errors/image-errors.js";
import { sizeDictToJson, toCropSize, toSizeDict } from "./size-dict.js";

test("toSizeDict follows HF's get_size_dict", () => {
  expect(toSizeDict({ value: 256, field: "size", defaultToSquare: false })).toEqual({ shortestEdge: 256 });
  expect(toSizeDict({ value: 224, field: "crop_size", defaultToSquare: true })).toEqual({
    height: 224,
    width: 224,
  });
  expect(toSizeDict({ value: [10, 20], field: "size", defaultToSquare: false })).toEqual({
    height: 10,
    width: 20,
  });
  expect(toSizeDict({ value: { shortest_edge: 7 }, field: "size", defaultToSquare: false })).toEqual({
    shortestEdge: 7,
  });
  expect(toSizeDict({ value: { height: 1, width: 2 }, field: "size", defaultToSquare: false })).toEqual({
    height: 1,
    width: 2,
  });
  expect(sizeDictToJson({ shortestEdge: 7 })).toEqual({ shortest_edge: 7 });
  expect(() => toSizeDict({ value: { longest_edge: 7 }, field: "size", defaultToSquare: false })).toThrow(
    PreprocessorConfigError,
  );
  expect(() => toSizeDict({ value: [1, 2, 3], field: "size", defaultToSquare: false })).toThrow(
    PreprocessorConfigError,
  );
  expect(() => toCropSize({ value: { shortest_edge: 3 }, field: "crop_size" })).toThrow(
    PreprocessorConfigError,
  );
  expect(() => toCropSize({ value: 0, field: "crop_size" })).toThrow(/crop_size/);
});
