import { describe, expect, it } from "vitest";
import { BackendError, InputError } from "../errors/errors.js";
import { type DataType, Tensor } from "../tensor.js";
import { fromRuntimeOutputs, toRuntimeFeeds } from "./runtime-tensors.js";

/** onnxruntime-common's Tensor as far as the conversion uses it: (type, data, dims) in, the fields out. */
class FakeRuntimeTensor {
  constructor(
    readonly type: DataType,
    readonly data: Float32Array | BigInt64Array | Int32Array,
    readonly dims: readonly number[],
  ) {}
}

describe("toRuntimeFeeds", () => {
  it("wraps each input's data, without copying, in the runtime's tensor", () => {
    const pixels = new Tensor({ dims: [1, 2], data: Float32Array.of(1, 2) });
    const ids = new Tensor({ dims: [2], data: BigInt64Array.of(3n, 4n), dtype: "int64" });
    const out = toRuntimeFeeds({
      feeds: { pixel_values: pixels, ids, unused: pixels },
      inputNames: ["pixel_values", "ids"],
      Tensor: FakeRuntimeTensor,
    });
    expect(Object.keys(out)).toEqual(["pixel_values", "ids"]);
    expect(out["pixel_values"]).toBeInstanceOf(FakeRuntimeTensor);
    expect(out["pixel_values"]!.data).toBe(pixels.data);
    expect(out["ids"]).toMatchObject({ type: "int64", dims: [2] });
  });

  it("names a missing input", () => {
    const call = () => toRuntimeFeeds({ feeds: {}, inputNames: ["pixel_values"], Tensor: FakeRuntimeTensor });
    expect(call).toThrow(InputError);
    expect(call).toThrow(/feeds\.pixel_values/);
  });
});

describe("fromRuntimeOutputs", () => {
  it("gives one core tensor per output name, sharing the result's data", () => {
    const data = Float32Array.of(0.5, -1, 2);
    const out = fromRuntimeOutputs({
      results: { logits: { type: "float32", dims: [1, 3], data }, other: undefined },
      outputNames: ["logits"],
      runtime: "fake",
    });
    expect(out["logits"]).toBeInstanceOf(Tensor);
    expect(out["logits"]!.dims).toEqual([1, 3]);
    expect(out["logits"]!.data).toBe(data);
  });

  it("throws BackendError naming the runtime and a missing output", () => {
    const call = () => fromRuntimeOutputs({ results: {}, outputNames: ["logits"], runtime: "fake-rt" });
    expect(call).toThrow(BackendError);
    expect(call).toThrow('fake-rt returned no output "logits"');
  });

  it("throws BackendError for an element type core does not carry", () => {
    const call = () =>
      fromRuntimeOutputs({
        results: { logits: { type: "float16", dims: [1], data: new Uint16Array(1) } },
        outputNames: ["logits"],
        runtime: "fake-rt",
      });
    expect(call).toThrow(/type float16: expected one of float32, int64, int32/);
  });
});
