import { describe, expect, it } from "vitest";
import { FileFormatError, UnsafePickleError } from "../errors/errors.js";
import { PickleGlobal, type RebuildTensorArgs } from "./pickle-globals.js";
import { PICKLE_LIMITS, unpickle } from "./unpickler.js";

// A tiny assembler: numbers are raw bytes, strings are written as UTF-8.
type Part = number | string | Part[];
function pk(...parts: Part[]): Uint8Array {
  const out: number[] = [];
  const put = (p: Part) => {
    if (typeof p === "number") out.push(p);
    else if (typeof p === "string") out.push(...new TextEncoder().encode(p));
    else p.forEach(put);
  };
  parts.forEach(put);
  return Uint8Array.from(out);
}
const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];
const binunicode = (s: string) => [0x58, u32(new TextEncoder().encode(s).length), s];
const short = (s: string) => [0x8c, new TextEncoder().encode(s).length, s];
const GLOBAL = (module: string, name: string) => [0x63, `${module}\n${name}\n`];

function run(bytes: Uint8Array) {
  const calls: { pids: unknown[]; tensors: RebuildTensorArgs[] } = { pids: [], tensors: [] };
  const value = unpickle({
    bytes,
    file: "data.pkl",
    persistentLoad: (pid) => {
      calls.pids.push(pid);
      return { storage: pid };
    },
    rebuildTensor: (args) => {
      calls.tensors.push(args);
      return { tensor: args };
    },
  });
  return { value, calls };
}

function thrown(bytes: Uint8Array): unknown {
  try {
    run(bytes);
  } catch (e) {
    return e;
  }
  throw new Error("unpickle accepted the pickle");
}

describe("unpickle: values", () => {
  it("evaluates the scalar, string, container and memo opcodes", () => {
    // Each line is one step; the comment names its opcodes.
    const bytes = pk(
      [
        [0x80, 4],
        [0x95, u32(0), 0, 0, 0, 0],
      ], // PROTO 4, FRAME
      [0x7d, 0x94, 0x28], // EMPTY_DICT, MEMOIZE, MARK (for SETITEMS)
      [short("ints"), 0x28, [0x4b, 255], [0x4d, 0xff, 0xff], [0x4a, u32(-5)]], // BININT1, BININT2, BININT
      [[0x8a, 1, 0xff], [0x8a, 0], [0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0x74], // LONG1 -1, 0, 2^64; TUPLE
      [binunicode("héllo"), [0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]], // BINUNICODE, BINFLOAT 1.5 (big-endian)
      [short("flags"), 0x4e, 0x88, 0x89, 0x87], // NONE, NEWTRUE, NEWFALSE, TUPLE3
      [short("tuples"), 0x29, [0x4b, 1, 0x85], [0x4b, 1, 0x4b, 2, 0x86], 0x87], // EMPTY_TUPLE, TUPLE1, TUPLE2
      [short("bytes"), [0x43, 2, 0, 1], [0x42, u32(1), 7], 0x86], // SHORT_BINBYTES, BINBYTES
      [short("list"), 0x5d, [0x72, u32(70000)], [0x4b, 1, 0x61]], // EMPTY_LIST, LONG_BINPUT, APPEND
      [0x28, 0x4b, 2, 0x4b, 3, 0x65], // MARK, APPENDS
      [short("again"), [0x6a, u32(70000)]], // LONG_BINGET: the same list object
      [0x75, [0x71, 3]], // SETITEMS, BINPUT
      [short("od"), GLOBAL("collections", "OrderedDict"), 0x29, 0x52], // GLOBAL, REDUCE
      [short("k"), 0x4b, 9, 0x73, 0x7d, 0x62], // SETITEM, then BUILD with a state dict (ignored)
      [0x73, [0x68, 3], 0x2e], // SETITEM, BINGET, STOP
    );
    const { value } = run(bytes);
    const list = [1, 2, 3];
    expect(value).toEqual(
      new Map<unknown, unknown>([
        ["ints", [255, 65535, -5, -1, 0, 2n ** 64n]],
        ["héllo", 1.5],
        ["flags", [null, true, false]],
        ["tuples", [[], [1], [1, 2]]],
        ["bytes", [Uint8Array.from([0, 1]), Uint8Array.from([7])]],
        ["list", list],
        ["again", list],
        ["od", new Map([["k", 9]])],
      ]),
    );
    const map = value as Map<string, unknown>;
    expect(map.get("again")).toBe(map.get("list"));
    expect(Object.isFrozen(map.get("flags"))).toBe(true);
  });

  it("hands persistent ids and _rebuild_tensor_v2 arguments to the callbacks; parameters unwrap", () => {
    const OD = [GLOBAL("collections", "OrderedDict"), 0x29, 0x52]; // OrderedDict()
    const bytes = pk(
      [[0x80, 2], GLOBAL("torch._utils", "_rebuild_parameter")],
      [GLOBAL("torch._utils", "_rebuild_tensor_v2"), 0x28],
      [0x28, binunicode("storage"), GLOBAL("torch", "HalfStorage"), binunicode("0"), binunicode("cpu")],
      [[0x4b, 4], 0x74, 0x51], // numel 4, TUPLE, BINPERSID
      [[0x4b, 1], [0x4b, 3, 0x85], [0x4b, 1, 0x85], 0x89, OD, 0x74, 0x52], // offset 1, (3,), (1,), False
      [0x89, OD, 0x87, 0x52, 0x2e], // _rebuild_parameter(tensor, False, OrderedDict())
    );
    const { value, calls } = run(bytes);
    expect(calls.pids).toEqual([["storage", new PickleGlobal("torch", "HalfStorage"), "0", "cpu", 4]]);
    expect(calls.tensors).toEqual([
      { storage: { storage: calls.pids[0] }, storageOffset: 1, size: [3], stride: [1] },
    ]);
    expect(value).toEqual({ tensor: calls.tensors[0] });
  });

  it("caps OrderedDict copies of one big list referenced many times", () => {
    const pairs = Array.from({ length: 1000 }, () => [0x4b, 1, 0x4b, 2, 0x86]); // (1, 2)
    const calls = Array.from({ length: 200 }, () => [[0x68, 0], [0x68, 1], 0x85, 0x52]); // OrderedDict(list)
    const bytes = pk(
      [GLOBAL("collections", "OrderedDict"), [0x71, 0]],
      [0x5d, 0x28, pairs, 0x65, [0x71, 1]],
      calls,
    );
    expect((thrown(bytes) as Error).message).toMatch(/copies more items than the pickle holds/);
  });
});

describe("unpickle: refuses unsafe globals before anything runs", () => {
  const evil: [string, Uint8Array][] = [
    ["os.system", pk([0x80, 2], GLOBAL("os", "system"))],
    ["posix.system", pk([0x80, 2], GLOBAL("posix", "system"))],
    ["nt.system", pk([0x80, 2], GLOBAL("nt", "system"))],
    ["builtins.eval", pk([0x80, 4], short("builtins"), short("eval"), 0x93)],
    ["__builtin__.getattr", pk([0x80, 2], GLOBAL("__builtin__", "getattr"))],
    ["subprocess.Popen", pk([0x80, 3], binunicode("subprocess"), binunicode("Popen"), 0x93)],
    ["torch._utils._rebuild_tensor", pk([0x80, 2], GLOBAL("torch._utils", "_rebuild_tensor"))],
    ["torch.load", pk([0x80, 2], GLOBAL("torch", "load"))],
    ["collections.OrderedDict.__init__", pk([0x80, 2], GLOBAL("collections", "OrderedDict.__init__"))],
  ];
  for (const [name, bytes] of evil) {
    it(`${name} (even with garbage after the opcode)`, () => {
      const e = thrown(pk([...bytes], 0xff, 0xff));
      expect(e).toBeInstanceOf(UnsafePickleError);
      expect((e as UnsafePickleError).global).toBe(name);
      expect((e as Error).message).toContain("data.pkl: refused to load pickle global");
    });
  }

  it("does not let an allowed storage type be called", () => {
    const e = thrown(pk([0x80, 2], GLOBAL("torch", "FloatStorage"), 0x29, 0x52, 0x2e));
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as Error).message).toMatch(/torch\.FloatStorage cannot be called/);
  });
});

describe("unpickle: malformed input is a FileFormatError", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["INST (protocol 0)", pk(0x69, "os\nsystem\n"), /opcode 0x69 is not supported/],
    ["text PERSID", pk(0x50, "0\n"), /opcode 0x50/],
    ["zero byte", pk(0), /opcode 0x00/],
    ["protocol 6", pk(0x80, 6), /unsupported pickle protocol 6/],
    ["no STOP", pk(0x80, 2, 0x7d), /truncated/],
    ["empty", pk(), /truncated/],
    ["huge BINUNICODE", pk(0x58, 0xff, 0xff, 0xff, 0xff, "abc"), /truncated: needs 4294967295 more bytes/],
    ["bad UTF-8", pk(0x8c, 1, 0xff, 0x2e), /not valid UTF-8/],
    ["unset memo", pk(0x68, 5, 0x2e), /memo 5 is unset/],
    ["stack underflow", pk(0x52), /stack underflow/],
    ["pop across MARK", pk(0x4b, 1, 0x28, 0x85), /stack underflow/],
    ["TUPLE without MARK", pk(0x74), /no MARK/],
    ["odd SETITEMS", pk(0x7d, 0x28, 0x4b, 1, 0x75), /odd number/],
    ["SETITEM on a list", pk(0x5d, 0x4b, 1, 0x4b, 2, 0x73), /not a dict/],
    ["APPEND on a tuple", pk(0x29, 0x4b, 1, 0x61), /not a list/],
    ["REDUCE on a non-global", pk(0x4b, 1, 0x29, 0x52), /REDUCE needs a global/],
    ["BUILD on an int", pk(0x4b, 1, 0x7d, 0x62), /BUILD on an object/],
    ["GLOBAL without newline", pk(0x63, "torch"), /newline-terminated/],
    ["STACK_GLOBAL of ints", pk(0x4b, 1, 0x4b, 2, 0x93), /two strings/],
    ["STOP inside MARK", pk(0x28, 0x4b, 1, 0x2e), /unclosed MARK/],
  ];
  for (const [name, bytes, message] of cases) {
    it(name, () => {
      const e = thrown(bytes);
      expect(e).toBeInstanceOf(FileFormatError);
      expect((e as FileFormatError).format).toBe("pickle");
      expect((e as Error).message).toMatch(message);
    });
  }

  it("bounds the stack", () => {
    const bytes = new Uint8Array(2 * (PICKLE_LIMITS.maxStack + 1)).map((_, i) => (i % 2 ? 0 : 0x4b));
    expect((thrown(bytes) as Error).message).toMatch(/stack exceeds 1048576 items/);
  });

  it("bounds the memo", () => {
    const bytes = new Uint8Array(PICKLE_LIMITS.maxMemo + 2).fill(0x94); // NONE, then MEMOIZE it again and again
    bytes[0] = 0x4e;
    expect((thrown(bytes) as Error).message).toMatch(/memo exceeds 1048576 entries/);
  });
});
