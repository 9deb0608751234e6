import { describe, expect, it } from "vitest";
import { snapshot, weightFixture } from "../../test/fixtures/weights/expected.js";
import { InputError } from "../errors/errors.js";
import { type DataType, Tensor } from "../tensor.js";
import { readSafetensors } from "./safetensors-reader.js";
import { writeSafetensors } from "./safetensors-writer.js";
import type { StateDict } from "./state-dict.js";

const f32 = (dims: number[], values: number[]) => new Tensor({ dims, data: Float32Array.from(values) });

describe("writeSafetensors", () => {
  // Expected bytes copied from the Rust crate's own tests (safetensors/src/tensor.rs).
  it("matches safetensors' test_serialization bytes", () => {
    const out = writeSafetensors({ tensors: new Map([["attn.0", f32([1, 2, 3], [0, 1, 2, 3, 4, 5])]]) });
    const header = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    expect(header.length).toBe(64);
    expect([...out.subarray(0, 8)]).toEqual([64, 0, 0, 0, 0, 0, 0, 0]);
    expect(new TextDecoder().decode(out.subarray(8, 72))).toBe(header);
    expect([...out.subarray(72)]).toEqual([
      0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });

  it("pads the header with spaces to a multiple of 8 (test_serialization_forced_alignement)", () => {
    const out = writeSafetensors({ tensors: new Map([["attn0", f32([1, 1, 2, 3], [0, 1, 2, 3, 4, 5])]]) });
    expect(out[0]).toBe(72);
    expect(new TextDecoder().decode(out.subarray(8, 80))).toBe(
      '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ',
    );
  });

  it("matches test_empty, with and without metadata", () => {
    expect([...writeSafetensors({ tensors: new Map() })]).toEqual([
      8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32,
    ]);
    const out = writeSafetensors({ tensors: new Map(), metadata: { framework: "pt" } });
    expect(out[0]).toBe(40);
    expect(new TextDecoder().decode(out.subarray(8))).toBe('{"__metadata__":{"framework":"pt"}}     ');
  });

  it("reproduces the Python-made reference file byte for byte (dtype-then-name order)", () => {
    const reference = weightFixture("writer-reference.safetensors");
    const { tensors, metadata } = readSafetensors({ bytes: reference });
    // Insertion order must not matter: the writer sorts.
    const shuffled: StateDict = new Map([...tensors].reverse());
    expect(writeSafetensors({ tensors: shuffled, metadata })).toEqual(reference);
  });

  it("round-trips float32 (incl. -0, NaN, inf), int64 and int32 through the reader", () => {
    const tensors: StateDict = new Map<string, Tensor<DataType>>([
      ["z.f", f32([2, 2], [-0, Number.NaN, Number.POSITIVE_INFINITY, 1e-45])],
      ["a.i64", new Tensor({ dims: [], dtype: "int64", data: BigInt64Array.from([-(2n ** 63n)]) })],
      ["0", new Tensor({ dims: [3], dtype: "int32", data: Int32Array.from([-1, 0, 2 ** 31 - 1]) })],
      ["empty", new Tensor({ dims: [0, 4] })],
      ["ünïcode", f32([1], [3])],
    ]);
    const back = readSafetensors({ bytes: writeSafetensors({ tensors, metadata: { format: "pt" } }) });
    expect(snapshot(back.tensors)).toEqual(snapshot(tensors));
    expect([...back.tensors.keys()]).toEqual(["a.i64", "empty", "z.f", "ünïcode", "0"]);
    expect(back.metadata).toEqual({ format: "pt" });
  });

  it("refuses a tensor named __metadata__ and non-string metadata", () => {
    expect(() => writeSafetensors({ tensors: new Map([["__metadata__", f32([1], [1])]]) })).toThrow(
      InputError,
    );
    const metadata = { n: 1 } as unknown as Record<string, string>;
    expect(() => writeSafetensors({ tensors: new Map(), metadata })).toThrow(InputError);
  });
});
