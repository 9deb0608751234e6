import { describe, expect, it } from "vitest";
import { InputError } from "../errors/errors.js";
import { Tensor } from "../tensor.js";
import { NonFiniteInputError } from "./non-finite.js";
import { checkPixelValues } from "./pixel-values.js";

const zeros = (dims: number[]) => new Float32Array(dims.reduce((a, b) => a * b, 1));

/** The `argument` of the InputError `check` throws. */
function refusedArgument(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).argument;
  }
  throw new Error("expected an InputError");
}

describe("checkPixelValues", () => {
  it("returns a Tensor: the same one when given one, a new one over the same data otherwise", () => {
    const dims = [2, 3, 32, 40];
    const tensor = new Tensor({ dims, data: zeros(dims) });
    expect(checkPixelValues({ pixelValues: tensor, numChannels: 3 })).toBe(tensor);
    const plain = { dims, data: zeros(dims) };
    const checked = checkPixelValues({ pixelValues: plain, numChannels: 3 });
    expect(checked).toBeInstanceOf(Tensor);
    expect([checked.dims, checked.data === plain.data]).toEqual([dims, true]);
  });

  it.each([
    [[3, 224, 224], "no batch dimension"],
    [[1, 1, 224, 224], "channels other than the config's"],
    [[1, 3, 31, 224], "height below 32"],
    [[1, 3, 224, 31], "width below 32"],
    [[0, 3, 224, 224], "an empty batch"],
  ])("refuses dims %j (%s) as pixelValues.dims", (dims) => {
    const pixelValues = { dims, data: zeros(dims) };
    expect(refusedArgument(() => checkPixelValues({ pixelValues, numChannels: 3 }))).toBe("pixelValues.dims");
  });

  it("refuses data that is not a Float32Array as pixelValues.data", () => {
    const pixelValues = {
      dims: [1, 3, 32, 32],
      data: new Float64Array(3 * 32 * 32) as unknown as Float32Array,
    };
    expect(refusedArgument(() => checkPixelValues({ pixelValues, numChannels: 3 }))).toBe("pixelValues.data");
  });

  it("refuses NaN and ±Infinity with NonFiniteInputError", () => {
    const dims = [1, 3, 32, 32];
    const data = zeros(dims);
    data[5] = Number.NEGATIVE_INFINITY;
    expect(() => checkPixelValues({ pixelValues: { dims, data }, numChannels: 3 })).toThrow(
      NonFiniteInputError,
    );
  });
});
