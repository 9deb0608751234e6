/**
 * Table-driven hostile inputs for each reader of outside bytes in core: every one must end in a typed
 * error (FileFormatError, or FileTooLargeError for sizes), never a RangeError, a hang or a huge allocation.
 */
import { describe, expect, it } from "vitest";
import { rawZip } from "../../test/hostile-zip.js";
import { FileFormatError, FileTooLargeError, MobileNetError } from "../errors/errors.js";
import { readSafetensors, SAFETENSORS_MAX_DIMS } from "./safetensors-reader.js";
import { readTorchBin } from "./torch-bin-reader.js";
import { PICKLE_LIMITS } from "./unpickler.js";

function typedError(run: () => unknown): MobileNetError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(MobileNetError);
    return e as MobileNetError;
  }
  throw new Error("the input was accepted");
}

/** A safetensors file: the header is given as text so it can hold anything. */
function safetensors(header: string, dataBytes = 0): Uint8Array {
  const text = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + text.length + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
  bytes.set(text, 8);
  return bytes;
}
const f32 = (shape: unknown, offsets: unknown) =>
  JSON.stringify({ dtype: "F32", shape, data_offsets: offsets });

describe("readSafetensors: hostile headers are FileFormatErrors with short messages", () => {
  const long = "x".repeat(5_000_000);
  const cases: [string, Uint8Array, RegExp][] = [
    [
      "offsets past the end",
      safetensors(`{"a": ${f32([1], [0, 4])}}`, 2),
      /exceed the data section of 2 bytes/,
    ],
    ["offsets past 2^53", safetensors(`{"a": ${f32([1], [0, 1e300])}}`, 4), /data_offsets/],
    ["negative offsets", safetensors(`{"a": ${f32([1], [-4, 0])}}`, 4), /non-negative integers/],
    ["offsets as strings", safetensors(`{"a": ${f32([1], ["0", "4"])}}`, 4), /non-negative integers/],
    [
      "overlapping tensors",
      safetensors(`{"a": ${f32([1], [0, 4])}, "b": ${f32([1], [0, 4])}}`, 4),
      /overlap|cover/,
    ],
    [
      "a shape product past 2^64",
      safetensors(`{"a": ${f32([2 ** 50, 2 ** 50], [0, 4])}}`, 4),
      /needs .* bytes/,
    ],
    [
      `more than ${SAFETENSORS_MAX_DIMS} dimensions (a million ones)`,
      safetensors(`{"a": ${f32(new Array(1_000_000).fill(1), [0, 4])}}`, 4),
      new RegExp(`at most ${SAFETENSORS_MAX_DIMS} non-negative`),
    ],
    [
      "a 5 MB dtype",
      safetensors(`{"a": {"dtype": "${long}", "shape": [], "data_offsets": [0, 0]}}`),
      /dtype "x+…/,
    ],
    [
      "a header length of 2^64-1",
      Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255, 123, 125]),
      /limit/,
    ],
    [
      "a __proto__ dtype",
      safetensors(`{"a": {"dtype": "__proto__", "shape": [], "data_offsets": [0, 0]}}`),
      /dtype/,
    ],
    ["a header of only whitespace", safetensors("    "), /not valid UTF-8 JSON/],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      const e = typedError(() => readSafetensors({ bytes, file: "model.safetensors" }));
      expect(e).toBeInstanceOf(FileFormatError);
      expect(e.message).toMatch(message);
      expect(e.message.length).toBeLessThan(400);
    });
  }

  it('a tensor named "__proto__" or "constructor" is just a name', () => {
    const bytes = safetensors(`{"__proto__": ${f32([1], [0, 4])}, "constructor": ${f32([1], [4, 8])}}`, 8);
    expect([...readSafetensors({ bytes }).tensors.keys()].sort()).toEqual(["__proto__", "constructor"]);
  });
});

// Pickle pieces (see torch-bin-reader.test.ts): BININT, SHORT_BINUNICODE, GLOBAL.
const enc = new TextEncoder();
const int = (n: number) => [0x4a, n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const str = (s: string) => [0x8c, s.length, ...enc.encode(s)];
const glob = (m: string, n: string) => [0x63, ...enc.encode(`${m}\n${n}\n`)];
const storage = (numel: number[]) => [
  ...[
    0x28,
    ...str("storage"),
    ...glob("torch", "FloatStorage"),
    ...str("0"),
    ...str("cpu"),
    ...numel,
    0x74,
    0x51,
  ],
];
/** {"w": _rebuild_tensor_v2(storage, 0, size, stride, False, None)} with raw opcode lists for each part. */
const tensorPickle = (numel: number[], size: number[], stride: number[]) =>
  Uint8Array.from([
    ...[0x80, 2, 0x7d, ...str("w"), ...glob("torch._utils", "_rebuild_tensor_v2"), 0x28, ...storage(numel)],
    ...[...int(0), 0x28, ...size, 0x74, 0x28, ...stride, 0x74, 0x89, 0x4e, 0x74, 0x52, 0x73, 0x2e],
  ]);
const bin = (pickle: Uint8Array, data = new Uint8Array(16)) =>
  rawZip([
    { name: "archive/data.pkl", packed: pickle },
    { name: "archive/data/0", packed: data },
  ]);

describe("readTorchBin: hostile pickles are typed errors", () => {
  const nested = (depth: number) =>
    Uint8Array.from([0x80, 2, ...new Array(depth).fill(0x5d), ...new Array(depth - 1).fill(0x61), 0x2e]);
  const cases: [string, Uint8Array, RegExp][] = [
    [
      "a 100 000-deep nested list as the root",
      bin(nested(100_000)),
      /data\.pkl holds \(\(\(\(…\)\)\)\), not a state dict/,
    ],
    [
      "a list that contains itself",
      bin(Uint8Array.from([0x80, 2, 0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e])),
      /holds \(\(\(\(…\)\)\)\), not a state dict/,
    ],
    [
      "a memo index of 2^32-1, then an unset one",
      bin(Uint8Array.from([0x80, 2, 0x4e, 0x72, 255, 255, 255, 255, 0x6a, 254, 255, 255, 255, 0x2e])),
      /memo 4294967294 is unset/,
    ],
    [
      "more MARKs than the stack may hold",
      bin(Uint8Array.from([0x80, 2, ...new Array(PICKLE_LIMITS.maxStack + 1).fill(0x28)])),
      /too many MARKs/,
    ],
    [
      "a storage numel of 2^80 (LONG1)",
      bin(tensorPickle([0x8a, 11, ...new Array(10).fill(0), 1], int(4), int(1))),
      /persistent id/,
    ],
    [
      "a storage numel of 2^50",
      bin(tensorPickle([0x8a, 8, 0, 0, 0, 0, 0, 0, 4, 0], int(4), int(1))),
      /need 4503599627370496 bytes, entry has 16/,
    ],
    ["a negative size", bin(tensorPickle(int(4), int(-1), int(1))), /are invalid/],
    [
      "65 dimensions",
      bin(tensorPickle(int(4), new Array(65).fill(int(1)).flat(), new Array(65).fill(int(1)).flat())),
      /are invalid/,
    ],
    [
      "a size with 2^40 elements by stride 0",
      bin(tensorPickle(int(4), [...int(2 ** 20), ...int(2 ** 20)], [...int(0), ...int(0)])),
      /expands storage 0/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      const e = typedError(() => readTorchBin({ bytes, file: "pytorch_model.bin" }));
      expect(e.constructor === FileFormatError || e.constructor === FileTooLargeError).toBe(true);
      expect(e.message).toMatch(message);
    });
  }
});
