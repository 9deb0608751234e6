import { InputError } from "../errors/errors.js";
import { Tensor } from "../tensor.js";
import type { PixelValues } from "./model-options.js";
import { assertFiniteInput } from "./non-finite.js";

/** The smallest height and width the network accepts (five stride-2 layers). */
const MIN_INPUT_SIZE = 32;

/**
 * Checks pixel values before they reach a backend: [batch ≥ 1, numChannels, height ≥ 32, width ≥ 32],
 * float32 data, every value finite. Returns them as a core Tensor (the same object when it already is one).
 *
 * @throws InputError for a wrong shape or data type; NonFiniteInputError for NaN or ±Infinity.
 * @example
 * checkPixelValues({ pixelValues: { dims: [1, 3, 224, 224], data }, numChannels: 3 }).dims // [1, 3, 224, 224]
 * checkPixelValues({ pixelValues: { dims: [3, 224, 224], data }, numChannels: 3 }) // throws InputError (pixelValues.dims)
 */
export function checkPixelValues(params: { pixelValues: PixelValues; numChannels: number }): Tensor {
  const { pixelValues, numChannels } = params;
  const dims = pixelValues.dims;
  const [batch, c, h, w] = dims as number[];
  const expected = `[batch, ${numChannels}, height >= ${MIN_INPUT_SIZE}, width >= ${MIN_INPUT_SIZE}] float32`;
  if (dims.length !== 4 || c !== numChannels || h! < MIN_INPUT_SIZE || w! < MIN_INPUT_SIZE || batch! < 1) {
    throw new InputError({ argument: "pixelValues.dims", value: dims, expected });
  }
  if (!(pixelValues.data instanceof Float32Array)) {
    throw new InputError({
      argument: "pixelValues.data",
      value: typeof pixelValues.data,
      expected: "a Float32Array",
    });
  }
  // NaN or ±Infinity would flow through every layer and come out as "NaN %" predictions.
  assertFiniteInput({ argument: "pixelValues.data", data: pixelValues.data });
  return pixelValues instanceof Tensor ? pixelValues : new Tensor({ dims, data: pixelValues.data });
}
