import { describe, expect, it } from "vitest";
import { expectedTiny, snapshot, weightFixture } from "../../test/fixtures/weights/expected.js";
import { FileFormatError } from "../errors/errors.js";
import { readSafetensors } from "./safetensors-reader.js";

/** A safetensors file with this header object and `dataBytes` zero bytes of data. */
function build(header: unknown, dataBytes: number, headerText = JSON.stringify(header)): Uint8Array {
  const json = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function formatError(bytes: Uint8Array): FileFormatError {
  try {
    readSafetensors({ bytes, file: "bad.safetensors" });
  } catch (e) {
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).format).toBe("safetensors");
    return e as FileFormatError;
  }
  throw new Error("readSafetensors accepted a malformed file");
}

const f32 = (shape: number[], begin: number, end: number) => ({
  dtype: "F32",
  shape,
  data_offsets: [begin, end],
});

describe("readSafetensors on the torch-made fixture (test/fixtures/weights/make_weight_fixtures.py)", () => {
  const { tensors, metadata } = readSafetensors({ bytes: weightFixture("tiny.safetensors") });

  it("returns the values torch holds, bit for bit, converting F16/BF16/F64 to float32", () => {
    expect(snapshot(tensors)).toEqual(expectedTiny());
  });

  it("returns tensors in data order (dtype alignment, then name) and the metadata", () => {
    expect([...tensors.keys()].slice(0, 4)).toEqual([
      "bn.num_batches_tracked",
      "long",
      "double",
      "conv.weight",
    ]);
    expect(metadata).toEqual({ format: "pt", note: "tiny fixture" });
  });

  it("copies into aligned typed arrays independent of the input buffer", () => {
    const t = tensors.get("conv.weight")!;
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.data.byteOffset).toBe(0);
    expect(t.data.buffer.byteLength).toBe(t.data.byteLength);
  });

  it("returns views sharing the input's memory with view: true, where aligned", () => {
    const bytes = weightFixture("tiny.safetensors");
    const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    const viewed = readSafetensors({ bytes, view: true }).tensors;
    let views = 0;
    for (const [name, t] of viewed) {
      expect([...t.data].map(String), name).toEqual([...tensors.get(name)!.data].map(String));
      // F32/I32/I64 at an aligned offset are views; the fixture's other dtypes are converted, so copies.
      const kept = ["F32", "I32", "I64"].includes(header[name].dtype);
      const aligned = (8 + headerLength + header[name].data_offsets[0]) % t.data.BYTES_PER_ELEMENT === 0;
      expect(t.data.buffer === bytes.buffer, name).toBe(kept && aligned);
      if (kept && aligned) views++;
    }
    expect(views).toBeGreaterThanOrEqual(5);
    // A view sees a change to the input (which is why only a loader that owns the bytes asks for views).
    const w = viewed.get("conv.weight")!;
    const before = w.data[0] as number;
    new DataView(bytes.buffer).setFloat32(w.data.byteOffset, 42, true);
    expect(w.data[0]).toBe(42);
    new DataView(bytes.buffer).setFloat32(w.data.byteOffset, before, true);
  });
});

describe("readSafetensors validation (the Rust crate's rules)", () => {
  it("accepts a minimal hand-built file", () => {
    const bytes = build({ a: f32([2], 0, 8), __metadata__: { k: "v" } }, 8);
    new DataView(bytes.buffer).setFloat32(bytes.length - 4, 2.5, true);
    const { tensors, metadata } = readSafetensors({ bytes });
    expect([...tensors.get("a")!.data]).toEqual([0, 2.5]);
    expect(metadata).toEqual({ k: "v" });
  });

  it("rejects every truncation of a valid file", () => {
    const bytes = weightFixture("tiny.safetensors");
    for (let cut = 0; cut < bytes.length; cut++) formatError(bytes.subarray(0, cut));
  });

  it("names the problem", () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(5), /shorter than the 8-byte header length/],
      [
        build({}, 0, "{}").map((b, i) => (i === 0 ? 200 : b)),
        /header length 200 does not fit in a file of 10 bytes/,
      ],
      [Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0x80, 0x7b, 0x7d]), /exceeds the 100000000-byte limit/],
      [build(null, 0, "{not json"), /not valid UTF-8 JSON/],
      [build(null, 0, "[1,2]"), /must be a JSON object/],
      [build(null, 0, '{"a":"\xff"}').map((b) => (b === 0xc3 ? 0xff : b)), /not valid UTF-8/],
      [
        build({ a: { dtype: "Q4", shape: [1], data_offsets: [0, 1] } }, 1),
        /tensor "a": dtype "Q4" is not one of/,
      ],
      [build({ a: { shape: [1], data_offsets: [0, 4] } }, 4), /dtype undefined is not one of/],
      [build({ a: f32([-1], 0, 4) }, 4), /shape \[-1\] must be an array of at most 64 non-negative integers/],
      [build({ a: f32([1.5], 0, 4) }, 4), /shape \[1.5\]/],
      [build({ a: f32([1], 0, 16) }, 8), /data_offsets \[0,16\] exceed the data section of 8 bytes/],
      [build({ a: f32([1], 4, 0) }, 8), /end before they begin/],
      [build({ a: { dtype: "F32", shape: [1], data_offsets: [0] } }, 4), /must be \[begin, end\]/],
      [build({ a: f32([3], 0, 8) }, 8), /shape \[3\] of F32 needs 12 bytes but data_offsets \[0,8\] hold 8/],
      [build({ a: f32([2], 0, 8), b: f32([1], 4, 8) }, 8), /tensor "b": .* overlap the previous tensor/],
      [build({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, 12), /tensor "b": .* leave a gap after byte 4/],
      [build({ a: f32([1], 4, 8) }, 8), /leave a gap after byte 0/],
      [build({ a: f32([1], 0, 4) }, 8), /tensors cover 4 bytes but the data section has 8 bytes/],
      [build({ __metadata__: { n: 1 } }, 0), /__metadata__ must be an object of string values/],
      [build({ a: [] }, 0), /entry must be an object/],
      [
        build({ a: f32([2 ** 40, 2 ** 40, 2 ** 40], 0, 4) }, 4),
        /needs .* bytes but data_offsets \[0,4\] hold 4/,
      ],
    ];
    for (const [bytes, message] of cases) expect(formatError(bytes).message).toMatch(message);
  });

  it("includes the file name in the message", () => {
    expect(formatError(new Uint8Array(3)).message).toMatch(/^bad\.safetensors: /);
  });

  it("never throws anything but FileFormatError on random corruption", () => {
    const original = weightFixture("tiny.safetensors");
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      const bytes = original.slice();
      for (let k = 1 + rand(3); k > 0; k--) bytes[rand(bytes.length)] = rand(256);
      try {
        readSafetensors({ bytes });
      } catch (e) {
        expect(e).toBeInstanceOf(FileFormatError);
      }
    }
  });
});

describe("readSafetensors with a Node Buffer", () => {
  it("reads the same tensors from a pooled Buffer as from a plain Uint8Array", async () => {
    const { Buffer } = await import("node:buffer");
    const { writeSafetensors } = await import("./safetensors-writer.js");
    const { Tensor } = await import("../tensor.js");
    const bytes = writeSafetensors({
      tensors: new Map([
        ["a", new Tensor({ dims: [3], data: new Float32Array([1.5, -2, 3.25]) })],
        ["b", new Tensor({ dims: [2], dtype: "int64", data: new BigInt64Array([7n, -9n]) })],
      ]),
    });
    // A small Buffer.from(...) lives inside Node's shared pool at a non-zero offset.
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(bytes)]).subarray(3);
    expect(pooled.byteOffset).toBeGreaterThan(0);
    const fromBuffer = readSafetensors({ bytes: pooled }).tensors;
    expect(Array.from(fromBuffer.get("a")!.data as Float32Array)).toEqual([1.5, -2, 3.25]);
    expect(Array.from(fromBuffer.get("b")!.data as BigInt64Array)).toEqual([7n, -9n]);
  });
});
