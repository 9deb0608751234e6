import { deflateSync, inflateSync, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { weightFixture } from "../../test/fixtures/weights/expected.js";
import { rawZip, zerosDeflate, zerosDeflateSize } from "../../test/hostile-zip.js";
import { FileFormatError, FileTooLargeError } from "../errors/errors.js";
import { readTorchBin, TORCH_BIN_MAX_PICKLE_BYTES } from "./torch-bin-reader.js";

// Each test file runs in its own process (vitest pool "forks"), so peak RSS starts near the baseline.
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const MiB = 2 ** 20;

/** data.pkl of {"w": <FloatStorage "0" of 4 elements, as a [4] tensor>} taken from a tiny hand-built pickle. */
const enc = new TextEncoder();
const str = (s: string) => [0x8c, s.length, ...enc.encode(s)];
const glob = (m: string, n: string) => [0x63, ...enc.encode(`${m}\n${n}\n`)];
const int = (n: number) => [0x4a, n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const PICKLE = Uint8Array.from([
  ...[0x80, 2, 0x7d, ...str("w"), ...glob("torch._utils", "_rebuild_tensor_v2"), 0x28],
  ...[0x28, ...str("storage"), ...glob("torch", "FloatStorage"), ...str("0"), ...str("cpu"), ...int(4)],
  ...[
    0x74,
    0x51,
    ...int(0),
    0x28,
    ...int(4),
    0x74,
    0x28,
    ...int(1),
    0x74,
    0x89,
    0x4e,
    0x74,
    0x52,
    0x73,
    0x2e,
  ],
]);
const STORAGE = new Uint8Array(Float32Array.from([1, 2, 3, 4]).buffer);

function thrown(bytes: Uint8Array, options: { maxUnpackedBytes?: number; maxPickleBytes?: number } = {}) {
  try {
    readTorchBin({ bytes, file: "pytorch_model.bin", ...options });
  } catch (e) {
    return e;
  }
  throw new Error("readTorchBin accepted the file");
}

describe("readTorchBin refuses zip bombs before inflating them", () => {
  it("reads the hand-built archive when nothing lies (stored and deflated members alike)", () => {
    for (const compression of [0, 8]) {
      const pack = (b: Uint8Array) => (compression ? deflateSync(b) : b);
      const bytes = rawZip([
        { name: "archive/data.pkl", packed: pack(PICKLE), compression, declaredSize: PICKLE.length },
        { name: "archive/data/0", packed: pack(STORAGE), compression, declaredSize: 16 },
      ]);
      expect([...readTorchBin({ bytes }).get("w")!.data]).toEqual([1, 2, 3, 4]);
    }
  });

  // 2 Mi repeats of 258 zeros: 528 MiB once inflated, from a 3.4 MB stream.
  const repeats = 2 ** 21;
  const bomb = zerosDeflate({ repeats });

  it("a member that honestly declares 528 MiB for a 16-byte storage: refused from its header", () => {
    const before = peakRss();
    const e = thrown(
      rawZip([
        { name: "archive/data.pkl", packed: PICKLE },
        { name: "archive/data/0", packed: bomb, compression: 8, declaredSize: zerosDeflateSize(repeats) },
      ]),
    );
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toMatchObject({ member: "archive/data/0", size: zerosDeflateSize(repeats), limit: 16 });
    expect((e as Error).message).toMatch(/archive\/data\/0: declares 541065217 bytes.*4 float32 elements/);
    expect(peakRss() - before).toBeLessThan(64 * MiB);
  });

  it("a member whose header lies (declares 16 bytes, inflates to 528 MiB): cut off at 16 bytes", () => {
    const before = peakRss();
    const e = thrown(
      rawZip([
        { name: "archive/data.pkl", packed: PICKLE },
        { name: "archive/data/0", packed: bomb, compression: 8, declaredSize: 16 },
      ]),
    );
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toMatchObject({ member: "archive/data/0", limit: 16, code: "FILE_TOO_LARGE" });
    expect((e as Error).message).toMatch(/inflates past the 16 bytes its header declares/);
    expect(peakRss() - before).toBeLessThan(64 * MiB);
  });

  it("a data.pkl declared past the pickle cap (default and lowered), or inflating past what it declares", () => {
    const hugePickle = { name: "archive/data.pkl", packed: bomb, compression: 8 };
    const e1 = thrown(rawZip([{ ...hugePickle, declaredSize: zerosDeflateSize(repeats) }]));
    expect(e1).toMatchObject({ member: "archive/data.pkl", limit: TORCH_BIN_MAX_PICKLE_BYTES });
    expect((e1 as Error).message).toMatch(/maxPickleBytes/);
    const real = rawZip([
      { name: "archive/data.pkl", packed: PICKLE },
      { name: "archive/data/0", packed: STORAGE },
    ]);
    expect(thrown(real, { maxPickleBytes: PICKLE.length - 1 })).toMatchObject({
      member: "archive/data.pkl",
      size: PICKLE.length,
      limit: PICKLE.length - 1,
      limitName: "maxPickleBytes",
    });
    expect(readTorchBin({ bytes: real, maxPickleBytes: PICKLE.length }).size).toBe(1);
    const e3 = thrown(rawZip([{ ...hugePickle, declaredSize: 1000 }]));
    expect(e3).toBeInstanceOf(FileTooLargeError);
    expect(e3).toMatchObject({ member: "archive/data.pkl", limit: 1000 });
  });

  it("the global cap counts every unpacked byte: refused one byte under the total, read at the total", () => {
    const fixture = weightFixture("tiny.bin");
    const total = Object.entries(unzipSync(fixture))
      .filter(([name]) => /\/(data\.pkl|byteorder|data\/[^/]+)$/.test(name))
      .reduce((n, [, b]) => n + b.byteLength, 0);
    expect(readTorchBin({ bytes: fixture, maxUnpackedBytes: total }).size).toBeGreaterThan(0);
    const e = thrown(fixture, { maxUnpackedBytes: total - 1 });
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toMatchObject({ limit: total - 1, limitName: "maxUnpackedBytes", size: total });
  });

  it("members nobody asks for are never inflated", () => {
    const bytes = rawZip([
      { name: "archive/data.pkl", packed: PICKLE },
      { name: "archive/data/0", packed: STORAGE },
      { name: "archive/extra/bomb", packed: bomb, compression: 8, declaredSize: zerosDeflateSize(repeats) },
      { name: "archive/data/99", packed: bomb, compression: 8, declaredSize: zerosDeflateSize(repeats) },
    ]);
    expect([...readTorchBin({ bytes }).get("w")!.data]).toEqual([1, 2, 3, 4]);
  });

  const storageCases: [
    string,
    { packed: Uint8Array; compression?: number; declaredSize?: number },
    RegExp,
  ][] = [
    [
      "corrupt deflate data",
      { packed: Uint8Array.of(0xff, 0xff, 0xff), compression: 8, declaredSize: 16 },
      /corrupt deflate data/,
    ],
    [
      "a deflate stream shorter than declared",
      { packed: deflateSync(STORAGE.subarray(0, 8)), compression: 8, declaredSize: 16 },
      /inflates to 8 bytes, expected 16/,
    ],
    ["an unknown compression method", { packed: STORAGE, compression: 12 }, /compression method 12/],
    [
      "a stored member whose packed size differs from its declared size",
      { packed: STORAGE.subarray(0, 12), declaredSize: 16 },
      /holds 12 bytes, expected 16/,
    ],
    [
      "a member declaring fewer bytes than its storage",
      { packed: STORAGE.subarray(0, 12) },
      /need 16 bytes, entry has 12/,
    ],
  ];
  for (const [what, entry, message] of storageCases) {
    it(`${what}: FileFormatError`, () => {
      const e = thrown(
        rawZip([
          { name: "archive/data.pkl", packed: PICKLE },
          { name: "archive/data/0", ...entry },
        ]),
      );
      expect(e).toBeInstanceOf(FileFormatError);
      expect((e as Error).message).toMatch(message);
    });
  }

  it("central directories that lie about offsets, counts and sizes: FileFormatError", () => {
    const good = rawZip([
      { name: "archive/data.pkl", packed: PICKLE },
      { name: "archive/data/0", packed: STORAGE },
    ]);
    const end = good.byteLength - 22;
    const cd = new DataView(good.buffer).getUint32(end + 16, true);
    const patch = (at: number, value: number, width: 2 | 4) => {
      const b = good.slice();
      const v = new DataView(b.buffer);
      width === 2 ? v.setUint16(at, value, true) : v.setUint32(at, value, true);
      return b;
    };
    const hostile = [
      patch(end + 10, 0xffff, 2), // entry count past what the file can hold
      patch(end + 16, 0xfffffff0, 4), // central directory offset past the end
      patch(cd + 42, 0x7ffffff0, 4), // local header offset past the end
      patch(cd + 20, 0x7ffffff0, 4), // packed size past the end
      patch(cd + 0, 0, 4), // bad central signature
      good.subarray(0, good.byteLength - 5), // end record cut off
    ];
    for (const bytes of hostile) expect(thrown(bytes)).toBeInstanceOf(FileFormatError);
    expect(inflateSync(deflateSync(PICKLE))).toEqual(PICKLE);
  });
});
