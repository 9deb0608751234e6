import { existsSync, readFileSync } from "node:fs";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { expectedTiny, snapshot, weightFixture } from "../../test/fixtures/weights/expected.js";
import { FileFormatError, UnsafePickleError } from "../errors/errors.js";
import { readSafetensors } from "./safetensors-reader.js";
import { readTorchBin } from "./torch-bin-reader.js";

function thrown(bytes: Uint8Array): unknown {
  try {
    readTorchBin({ bytes, file: "model.bin" });
  } catch (e) {
    return e;
  }
  throw new Error("readTorchBin accepted the file");
}

function formatError(bytes: Uint8Array, message: RegExp): void {
  const e = thrown(bytes);
  expect(e).toBeInstanceOf(FileFormatError);
  expect((e as Error).message).toMatch(message);
}

/** Rewrites a fixture zip: `edit` gets and returns its entries (stored, like torch writes them). */
function rezip(name: string, edit: (files: Record<string, Uint8Array>) => Record<string, Uint8Array>) {
  return zipSync(edit(unzipSync(weightFixture(name))), { level: 0 });
}

// Pickle pieces: BININT, SHORT_BINUNICODE, GLOBAL, MARK..TUPLE, and a FloatStorage persistent id.
const enc = new TextEncoder();
const int = (n: number) => [0x4a, n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const str = (s: string) => [0x8c, s.length, ...enc.encode(s)];
const glob = (m: string, n: string) => [0x63, ...enc.encode(`${m}\n${n}\n`)];
const tuple = (xs: number[]) => [0x28, ...xs.flatMap(int), 0x74];
const floatStorage = (numel: number) => [
  ...[0x28, ...str("storage"), ...glob("torch", "FloatStorage")],
  ...[...str("0"), ...str("cpu"), ...int(numel), 0x74, 0x51],
];

/** data.pkl of {"w": _rebuild_tensor_v2(<FloatStorage "0" of numel>, offset, size, stride, False, None)}. */
function tensorPickle(numel: number, offset: number, size: number[], stride: number[]): Uint8Array {
  return Uint8Array.from([
    ...[0x80, 2, 0x7d, ...str("w"), ...glob("torch._utils", "_rebuild_tensor_v2")],
    ...[0x28, ...floatStorage(numel), ...int(offset), ...tuple(size), ...tuple(stride), 0x89, 0x4e, 0x74],
    ...[0x52, 0x73, 0x2e], // REDUCE, SETITEM, STOP
  ]);
}

const zip = (files: Record<string, Uint8Array>) => zipSync(files, { level: 0 });
const floats = (xs: number[]) => new Uint8Array(Float32Array.from(xs).buffer);

describe("readTorchBin on torch.save fixtures (torch 1.13, test/fixtures/weights/make_weight_fixtures.py)", () => {
  const variants = [
    ["tiny.bin", "folder tiny/, protocol 2"],
    ["tiny-newzip.bin", "folder archive/, _use_new_zipfile_serialization=True"],
    ["tiny-proto4.bin", "pickle protocol 4: FRAME, MEMOIZE, STACK_GLOBAL"],
  ];
  for (const [file, what] of variants) {
    it(`${file} (${what}) gives torch's values bit for bit, in state-dict order`, () => {
      const sd = readTorchBin({ bytes: weightFixture(file!), file });
      expect(snapshot(sd)).toEqual(expectedTiny());
      expect([...sd.keys()]).toEqual(Object.keys(expectedTiny()));
    });
  }

  it("gives each view of a shared storage its own dense copy", () => {
    const sd = readTorchBin({ bytes: weightFixture("tiny.bin") });
    const a = sd.get("shared.a")!.data as Float32Array;
    a[1] = 42;
    expect([...(sd.get("shared.every_third")!.data as Float32Array)]).toEqual([-0, -1.5, -3, -4.5]);
    expect([...(sd.get("fc.weight_t")!.data as Float32Array)].slice(0, 4)).toEqual(
      [0.1, 6.1, 12.1, 1.6].map(Math.fround),
    );
  });

  it("unwraps a checkpoint dict's state_dict", () => {
    const sd = readTorchBin({ bytes: weightFixture("tiny-wrapped.bin") });
    expect([...sd.keys()]).toEqual(["conv.weight", "bn.num_batches_tracked"]);
    expect(sd.get("bn.num_batches_tracked")!.data).toEqual(BigInt64Array.from([7n]));
  });

  it("reads big-endian storages when the zip says byteorder=big (torch>=2.1)", () => {
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat32(0, 1.5, false);
    new DataView(be.buffer).setFloat32(4, -2, false);
    const files = {
      "a/data.pkl": tensorPickle(2, 0, [2], [1]),
      "a/data/0": be,
      "a/byteorder": Uint8Array.from([98, 105, 103]),
    };
    expect([...readTorchBin({ bytes: zip(files) }).get("w")!.data]).toEqual([1.5, -2]);
  });
});

describe("readTorchBin refuses malicious pickles without running them", () => {
  const evil = [
    ["evil-posix-system.bin", "posix.system", "posix-system"],
    ["evil-os-system.bin", "os.system", "os-system"],
    ["evil-builtins-eval.bin", "builtins.eval", "builtins-eval"],
    ["evil-subprocess-popen.bin", "subprocess.Popen", "subprocess-popen"],
    ["evil-builtin-getattr.bin", "__builtin__.getattr", "builtin-getattr"],
  ];
  for (const [file, global, marker] of evil) {
    it(`${file}: UnsafePickleError for ${global}`, () => {
      const e = thrown(weightFixture(file!));
      expect(e).toBeInstanceOf(UnsafePickleError);
      expect((e as UnsafePickleError).global).toBe(global);
      expect(existsSync(`/tmp/pwned-mobilenet-${marker}`)).toBe(false);
    });
  }
});

describe("readTorchBin: malformed files are FileFormatErrors", () => {
  it("the legacy (pre-1.6) format, with how to fix it", () => {
    formatError(
      weightFixture("legacy.bin"),
      /legacy \(pre-1\.6\) torch\.save format.*re-save it with torch>=1\.6/,
    );
    // The same, saved with pickle_protocol=4 (a FRAME comes before the magic number).
    const proto4 = Buffer.from("8004950d000000000000008a0a6cfc9c46f9206aa850192e", "hex");
    formatError(new Uint8Array(proto4), /legacy \(pre-1\.6\)/);
  });

  it("non-zip inputs", () => {
    formatError(new Uint8Array(0), /not a zip file/);
    formatError(Uint8Array.from([0x80, 4, 0x7d, 0x2e]), /bare pickle/);
    formatError(new TextEncoder().encode("<html>rate limited</html>"), /not a zip file/);
    formatError(Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9, 9]), /not a readable zip/);
  });

  it("every truncation of a valid file", () => {
    const bytes = weightFixture("tiny.bin");
    for (let cut = 0; cut < bytes.length; cut += cut < 64 || cut > bytes.length - 64 ? 1 : 37) {
      formatError(bytes.subarray(0, cut), /./);
    }
  });

  it("a zip without data.pkl, or with two", () => {
    formatError(
      zip({ "archive/version": floats([1]) }),
      /expected one <folder>\/data\.pkl entry, found none/,
    );
    const twice = rezip("tiny.bin", (f) => ({ ...f, "other/data.pkl": f["tiny/data.pkl"]! }));
    formatError(twice, /found tiny\/data\.pkl, other\/data\.pkl/);
  });

  it("a missing storage entry, or one smaller than its numel", () => {
    formatError(
      rezip("tiny.bin", ({ "tiny/data/3": _, ...rest }) => rest),
      /storage 3: entry tiny\/data\/3 is missing/,
    );
    formatError(
      rezip("tiny.bin", (f) => ({ ...f, "tiny/data/0": f["tiny/data/0"]!.subarray(0, 10) })),
      /storage 0: 24 float32 elements need 96 bytes, entry has 10/,
    );
  });

  it("a view reaching past its storage", () => {
    const bad = (size: number[], stride: number[], offset = 0) =>
      zip({ "a/data.pkl": tensorPickle(4, offset, size, stride), "a/data/0": floats([1, 2, 3, 4]) });
    formatError(
      bad([5], [1]),
      /size \[5\], stride \[1\], offset 0 reads element 4 of storage 0, which has 4/,
    );
    formatError(bad([2, 2], [1, 2], 1), /reads element 4/);
    formatError(bad([1 << 20, 1 << 20], [0, 0]), /expands storage 0 to 1099511627776 elements/);
    formatError(bad([2], [1, 1]), /are invalid/);
    expect([...readTorchBin({ bytes: bad([2, 2], [1, 2]) }).get("w")!.data]).toEqual([1, 3, 2, 4]);
  });

  it("a state dict entry that is not a tensor", () => {
    const pkl = Uint8Array.from([0x80, 2, 0x7d, 0x8c, 1, 0x61, 0x4b, 1, 0x73, 0x2e]); // {"a": 1}
    formatError(zip({ "a/data.pkl": pkl }), /state dict entry "a" is 1, not a tensor/);
  });

  it("never throws anything else when data.pkl is corrupted at random", () => {
    const files = unzipSync(weightFixture("tiny-proto4.bin"));
    const pickle = files["archive/data.pkl"]!;
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 1500; round++) {
      const mutated = pickle.slice();
      for (let k = 1 + rand(3); k > 0; k--) mutated[rand(mutated.length)] = rand(256);
      try {
        readTorchBin({ bytes: zip({ ...files, "archive/data.pkl": mutated }) });
      } catch (e) {
        if (!(e instanceof FileFormatError || e instanceof UnsafePickleError)) throw e;
      }
    }
  });

  it("caps the elements views may copy out of one storage", () => {
    // {"t0": T, "t1": T, ...}: 2000 calls of _rebuild_tensor_v2 with the same memoized arguments,
    // each a full view of one 64 KiB storage.
    const parts = [0x80, 2, 0x7d, 0x28, ...str("t0"), ...glob("torch._utils", "_rebuild_tensor_v2"), 0x71, 0];
    parts.push(0x28, ...floatStorage(16384), ...int(0), ...tuple([16384]), ...tuple([1]), 0x89, 0x4e, 0x74);
    parts.push(0x71, 1, 0x52); // BINPUT 1 (the arguments), REDUCE
    for (let i = 1; i < 2000; i++) parts.push(...str(`t${i}`), 0x68, 0, 0x68, 1, 0x52);
    parts.push(0x75, 0x2e); // SETITEMS, STOP
    const bytes = zip({ "a/data.pkl": Uint8Array.from(parts), "a/data/0": new Uint8Array(65536) });
    formatError(bytes, /tensor views copy far more elements than the file holds/);
  });
});

describe("the real keras_mobilenet_v1_0.75_224 checkpoint (../shared/hf)", () => {
  const dir = "hf/keras_mobilenet_v1_0.75_224";
  it("pytorch_model.bin (folder pytorch_model/) and model.safetensors hold the same tensors, bit for bit", (ctx) => {
    const binBytes = new Uint8Array(readFileSync(requireShared(`${dir}/pytorch_model.bin`, ctx)));
    const stBytes = new Uint8Array(readFileSync(requireShared(`${dir}/model.safetensors`, ctx)));
    const folders = new Set<string>();
    unzipSync(binBytes, {
      filter: (f) => {
        folders.add(f.name.split("/")[0]!);
        return false;
      },
    });
    expect([...folders]).toEqual(["pytorch_model"]);

    const bin = readTorchBin({ bytes: binBytes, file: "pytorch_model.bin" });
    const { tensors: st, metadata } = readSafetensors({ bytes: stBytes, file: "model.safetensors" });
    expect(metadata).toEqual({ format: "pt" });
    expect([...bin.keys()].sort()).toEqual([...st.keys()].sort());
    expect(bin.size).toBeGreaterThan(100);
    for (const [key, t] of bin) {
      const other = st.get(key)!;
      expect({ key, dtype: t.dtype, dims: t.dims }).toEqual({ key, dtype: other.dtype, dims: other.dims });
      const bytes = (x: typeof t) => new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
      expect(Buffer.from(bytes(t)).equals(Buffer.from(bytes(other))), key).toBe(true);
    }
    expect(bin.get("classifier.weight")!.dims).toEqual([1000, 768]);
    expect(bin.get("mobilenet_v1.conv_stem.normalization.num_batches_tracked")!.dtype).toBe("int64");
  });
});
