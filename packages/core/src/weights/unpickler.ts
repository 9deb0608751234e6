/**
 * An allow-list unpickler for the `data.pkl` inside torch.save zips.
 *
 * Hand-written on purpose: a generic unpickler (Python's own, or a port of it) resolves any
 * `module.name` the file asks for and calls it with arguments the file chooses, so a downloaded
 * checkpoint could run `os.system(...)`. Here GLOBAL/STACK_GLOBAL only ever produce an inert
 * {@link PickleGlobal} for the few names torch needs to describe a state dict (pickle-globals.ts),
 * every other name throws UnsafePickleError on the spot, and REDUCE dispatches on that short list:
 * nothing from the file is ever executed. Only the opcodes torch 1.6–2.x writes (protocols 2 to 4)
 * are known; anything else is a FileFormatError.
 */
import { FileFormatError } from "../errors/errors.js";
import { allowedGlobal, callGlobal, PickleGlobal, type RebuildTensorArgs } from "./pickle-globals.js";

/** Bounds so a malformed pickle can't grow memory beyond what its size justifies. */
export const PICKLE_LIMITS = { maxStack: 1 << 20, maxMemo: 1 << 20 } as const;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Evaluates a pickle into plain values: dicts and OrderedDicts become `Map`, lists and tuples
 * arrays (tuples frozen), ints `number` (or `bigint` beyond 2^53), strings, `Uint8Array` bytes.
 *
 * @param params.bytes The pickle (e.g. `archive/data.pkl`).
 * @param params.file File name used in error messages.
 * @param params.persistentLoad Resolves a BINPERSID id (torch: `('storage', StorageType, key, location, numel)`).
 * @param params.rebuildTensor Builds whatever `_rebuild_tensor_v2(storage, offset, size, stride, ...)` stands for.
 * @throws {UnsafePickleError} for a global not in ALLOWED_PICKLE_GLOBALS.
 * @throws {FileFormatError} (format `"pickle"`) for unknown opcodes, truncation or malformed structure.
 *
 * @example
 * unpickle({ bytes: Uint8Array.from([0x80, 2, 0x7d, 0x2e]), persistentLoad, rebuildTensor }) // Map {}
 */
export function unpickle(params: {
  bytes: Uint8Array;
  file?: string;
  persistentLoad: (pid: unknown) => unknown;
  rebuildTensor: (args: RebuildTensorArgs) => unknown;
}): unknown {
  const { bytes, file } = params;
  const { maxStack, maxMemo } = PICKLE_LIMITS;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let opStart = 0;
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  const rebuilt = new WeakSet<object>();
  let copied = 0;

  const fail: (message: string) => never = (message) => {
    throw new FileFormatError({ format: "pickle", file, message: `pickle byte ${opStart}: ${message}` });
  };
  const take = (n: number): number => {
    if (n > bytes.byteLength - pos) fail(`truncated: needs ${n} more bytes, ${bytes.byteLength - pos} left`);
    const at = pos;
    pos += n;
    return at;
  };
  const push = (v: unknown) => {
    if (stack.length >= maxStack) fail(`stack exceeds ${maxStack} items`);
    stack.push(v);
  };
  // Like Python's unpickler, a MARK starts a new frame: pops can't reach below it.
  const depth = () => stack.length - (marks.at(-1) ?? 0);
  const pop = (): unknown => (depth() > 0 ? stack.pop() : fail("stack underflow"));
  const top = (): unknown => (depth() > 0 ? stack[stack.length - 1] : fail("stack underflow"));
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) fail("no MARK to pop to");
    return stack.splice(m as number);
  };
  const str = (n: number): string => {
    const at = take(n);
    try {
      return decoder.decode(bytes.subarray(at, at + n));
    } catch {
      return fail("string is not valid UTF-8");
    }
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0 || end - pos > 256) fail("GLOBAL name is not a newline-terminated line");
    return str(end - pos + 1).slice(0, -1);
  };
  const memoPut = (index: number, v: unknown) => {
    if (memo.size >= maxMemo && !memo.has(index)) fail(`memo exceeds ${maxMemo} entries`);
    memo.set(index, v);
  };
  const memoGet = (index: number): unknown =>
    memo.has(index) ? memo.get(index) : fail(`memo ${index} is unset`);
  const global = (module: string, name: string) => allowedGlobal({ module, name, file });
  const setItems = (dict: unknown, kv: unknown[]) => {
    if (!(dict instanceof Map)) return fail("SETITEM(S) on something that is not a dict");
    if (kv.length % 2) fail("SETITEMS with an odd number of items");
    for (let i = 0; i < kv.length; i += 2) dict.set(kv[i], kv[i + 1]);
  };
  const appendItems = (list: unknown, items: unknown[]) => {
    if (!Array.isArray(list) || Object.isFrozen(list)) return fail("APPEND(S) on something not a list");
    for (const item of items) list.push(item);
  };
  const reduce = (fn: unknown, args: unknown): unknown => {
    if (!(fn instanceof PickleGlobal) || !Array.isArray(args))
      return fail("REDUCE needs a global and a tuple");
    // OrderedDict(pairs) is the one call that copies a container: referencing one big list many
    // times could make a small file build huge dicts, so copies are capped by the pickle's size.
    if (fn.name === "OrderedDict" && Array.isArray(args[0])) {
      copied += args[0].length;
      if (copied > bytes.byteLength) fail("OrderedDict(...) copies more items than the pickle holds");
    }
    const result = callGlobal({ fn, args, rebuildTensor: params.rebuildTensor });
    if ("error" in result) return fail(result.error);
    if (fn.name === "_rebuild_tensor_v2" && typeof result.value === "object" && result.value !== null) {
      rebuilt.add(result.value);
    }
    return result.value;
  };

  for (;;) {
    opStart = pos;
    const op = bytes[take(1)]!;
    switch (op) {
      case 0x80: // PROTO
        if (bytes[take(1)]! > 5) fail(`unsupported pickle protocol ${bytes[pos - 1]}`);
        break;
      case 0x95: // FRAME: a length hint for buffered readers; we have the whole pickle already.
        take(8);
        break;
      case 0x2e: // STOP
        if (marks.length) fail("STOP inside an unclosed MARK");
        return pop();
      case 0x28: // MARK
        if (marks.length >= maxStack) fail("too many MARKs");
        marks.push(stack.length);
        break;
      case 0x7d: // EMPTY_DICT
        push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        push(Object.freeze([]));
        break;
      case 0x74: // TUPLE
        push(Object.freeze(popMark()));
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3 (TUPLE1..3 take 1..3 items)
        const items = Array.from({ length: op - 0x84 }, pop).reverse();
        push(Object.freeze(items));
        break;
      }
      case 0x58: // BINUNICODE
        push(str(view.getUint32(take(4), true)));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(str(bytes[take(1)]!));
        break;
      case 0x42: // BINBYTES
      case 0x43: {
        // SHORT_BINBYTES
        const n = op === 0x42 ? view.getUint32(take(4), true) : bytes[take(1)]!;
        const at = take(n);
        push(bytes.slice(at, at + n));
        break;
      }
      case 0x71: // BINPUT
        memoPut(bytes[take(1)]!, top());
        break;
      case 0x72: // LONG_BINPUT
        memoPut(view.getUint32(take(4), true), top());
        break;
      case 0x94: // MEMOIZE
        memoPut(memo.size, top());
        break;
      case 0x68: // BINGET
        push(memoGet(bytes[take(1)]!));
        break;
      case 0x6a: // LONG_BINGET
        push(memoGet(view.getUint32(take(4), true)));
        break;
      case 0x4a: // BININT
        push(view.getInt32(take(4), true));
        break;
      case 0x4b: // BININT1
        push(bytes[take(1)]!);
        break;
      case 0x4d: // BININT2
        push(view.getUint16(take(2), true));
        break;
      case 0x8a: {
        // LONG1: little-endian two's complement of n bytes
        const n = bytes[take(1)]!;
        const at = take(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
        if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
        push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        push(view.getFloat64(take(8), false));
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const kv = popMark();
        setItems(top(), kv);
        break;
      }
      case 0x61: {
        // APPEND
        const v = pop();
        appendItems(top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x63: {
        // GLOBAL: refused here, before anything could use it.
        const module = line();
        push(global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") fail("STACK_GLOBAL needs two strings");
        push(global(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        push(reduce(pop(), args));
        break;
      }
      case 0x81: {
        // NEWOBJ: cls.__new__(cls, *args); only OrderedDict is a class we know.
        const args = pop();
        const cls = pop();
        if (
          !(cls instanceof PickleGlobal) ||
          cls.qualifiedName !== "collections.OrderedDict" ||
          !Array.isArray(args)
        ) {
          fail("NEWOBJ is only supported for collections.OrderedDict");
        }
        push(new Map());
        break;
      }
      case 0x62: {
        // BUILD: torch only sets attributes (a state dict's `_metadata`, tensor flags) we don't need.
        pop();
        const target = top();
        if (
          !(target instanceof Map) &&
          !(typeof target === "object" && target !== null && rebuilt.has(target))
        ) {
          fail("BUILD on an object that is not a dict or a tensor");
        }
        break;
      }
      case 0x51: // BINPERSID
        push(params.persistentLoad(pop()));
        break;
      default:
        fail(
          `opcode 0x${op.toString(16).padStart(2, "0")} is not supported (not something torch.save writes)`,
        );
    }
  }
}
