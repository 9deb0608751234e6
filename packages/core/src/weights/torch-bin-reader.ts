import { unzipSync } from "fflate";
import { FileFormatError } from "../errors/errors.js";
import { type DataType, Tensor } from "../tensor.js";
import {
  decodeElements,
  ELEMENT_SIZE,
  type ElementType,
  type TensorData,
  tensorDtypeOf,
} from "./element-decoding.js";
import { PickleGlobal, type RebuildTensorArgs } from "./pickle-globals.js";
import type { StateDict } from "./state-dict.js";
import { unpickle } from "./unpickler.js";

const STORAGE_TYPES: Readonly<Record<string, ElementType>> = {
  FloatStorage: "float32",
  DoubleStorage: "float64",
  HalfStorage: "float16",
  BFloat16Storage: "bfloat16",
  LongStorage: "int64",
  IntStorage: "int32",
  ShortStorage: "int16",
  CharStorage: "int8",
  ByteStorage: "uint8",
  BoolStorage: "bool",
};

// Pre-1.6 torch.save starts with a pickle of torch's magic number 0x1950a86a20f9469cfc6c (LONG1, 10 bytes),
// right after PROTO (and FRAME, with pickle_protocol=4).
const LEGACY_MAGIC = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
// The entries we extract: `<folder>/data.pkl`, `<folder>/data/<key>`, `<folder>/byteorder` (torch>=2.1).
const WANTED_ENTRY = /^[^/]+\/(data\.pkl|byteorder|data\/[^/]+)$/;
// Deflate cannot expand data by more than ~1032x: a larger declared size is a lie meant to make us allocate.
const MAX_DEFLATE_RATIO = 1032;

class StorageRef {
  decoded: TensorData | undefined;
  constructor(
    readonly key: string,
    readonly type: ElementType,
    readonly numel: number,
    readonly bytes: Uint8Array,
  ) {}
}

/**
 * Reads a PyTorch checkpoint written by `torch.save` (the zip format, torch >= 1.6) without running
 * Python code: `data.pkl` goes through an allow-list unpickler and tensors are rebuilt from
 * `data/<key>` storages (views, strides and shared storages included). The inner folder name varies
 * (`archive/`, `pytorch_model/`, ...). float16/bfloat16/float64 become float32; int64 stays int64;
 * other integer and bool storages become int32. A checkpoint dict holding the state dict under
 * `state_dict` or `model` is unwrapped.
 *
 * @param params.bytes The whole file.
 * @param params.file File name used in error messages.
 * @returns The tensors in the order the pickle lists them.
 * @throws {UnsafePickleError} when the pickle names a global that is not a torch tensor rebuilder.
 * @throws {FileFormatError} for the legacy (pre-1.6) format, a bad or truncated zip, a missing entry or
 *   a tensor view that does not fit its storage.
 *
 * @example
 * const sd = readTorchBin({ bytes: await readFile("pytorch_model.bin"), file: "pytorch_model.bin" });
 * sd.get("classifier.weight")?.dims // [1000, 768]
 */
export function readTorchBin(params: { bytes: Uint8Array; file?: string }): StateDict {
  const { bytes, file } = params;
  const fail: (message: string, cause?: unknown) => never = (message, cause) => {
    throw new FileFormatError({ format: "pytorch zip", file, message, cause });
  };
  const isLegacy = [2, 11].some((at) => LEGACY_MAGIC.every((b, i) => bytes[at + i] === b));
  if (bytes[0] === 0x80 && isLegacy) {
    fail(
      "this is the legacy (pre-1.6) torch.save format, which is not supported: re-save it with torch>=1.6, " +
        "e.g. torch.save(torch.load(path), path), or convert it to safetensors",
    );
  }
  if (bytes[0] === 0x80) fail("this is a bare pickle, not torch.save's zip format (torch>=1.6)");
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) fail("not a zip file: torch.save (torch>=1.6) writes a zip");

  const entries = readZip(bytes, fail);
  const pickles = [...entries.keys()].filter((name) => name.endsWith("/data.pkl"));
  if (pickles.length !== 1) {
    fail(`expected one <folder>/data.pkl entry, found ${pickles.length === 0 ? "none" : pickles.join(", ")}`);
  }
  const prefix = pickles[0]!.slice(0, -"data.pkl".length);
  const byteorder = entries.get(`${prefix}byteorder`);
  const order = byteorder === undefined ? "little" : new TextDecoder().decode(byteorder).trim();
  if (order !== "little" && order !== "big") fail(`${prefix}byteorder is ${JSON.stringify(order)}`);

  const storages = new Map<string, StorageRef>();
  const persistentLoad = (pid: unknown): StorageRef => {
    const [tag, cls, key, , numel] = Array.isArray(pid) ? pid : [];
    const type = cls instanceof PickleGlobal && cls.module === "torch" ? STORAGE_TYPES[cls.name] : undefined;
    if (tag !== "storage" || type === undefined || typeof key !== "string" || !isIndex(numel)) {
      return fail(
        `persistent id ${describe(pid)} is not ('storage', <torch storage type>, key, location, numel)`,
      );
    }
    const cached = storages.get(key);
    if (cached) {
      if (cached.type !== type) fail(`storage ${key} is used as both ${cached.type} and ${type}`);
      return cached;
    }
    const data = entries.get(`${prefix}data/${key}`);
    if (!data) return fail(`storage ${key}: entry ${prefix}data/${key} is missing`);
    if (numel * ELEMENT_SIZE[type] > data.byteLength) {
      fail(
        `storage ${key}: ${numel} ${type} elements need ${numel * ELEMENT_SIZE[type]} bytes, entry has ${data.byteLength}`,
      );
    }
    const ref = new StorageRef(key, type, numel, data);
    storages.set(key, ref);
    return ref;
  };
  // Views copy out of storages, and a small pickle could reference one big storage thousands of
  // times: cap the elements all views may copy (tied weights legitimately copy a storage twice).
  const budget = { elements: 4 * bytes.byteLength + 2 ** 24 };
  const rebuildTensor = (args: RebuildTensorArgs) => rebuild(args, order === "little", budget, fail);

  const root = unpickle({ bytes: entries.get(pickles[0]!)!, file, persistentLoad, rebuildTensor });
  const wrapped = root instanceof Map ? [root.get("state_dict"), root.get("model")] : [];
  const dict = wrapped.find((v) => v instanceof Map) ?? root;
  if (!(dict instanceof Map)) return fail(`data.pkl holds ${describe(root)}, not a state dict`);
  const out: StateDict = new Map();
  for (const [key, value] of dict) {
    if (typeof key !== "string" || !(value instanceof Tensor)) {
      fail(`state dict entry ${describe(key)} is ${describe(value)}, not a tensor`);
    }
    out.set(key as string, value as Tensor<DataType>);
  }
  return out;
}

function readZip(
  bytes: Uint8Array,
  fail: (message: string, cause?: unknown) => never,
): Map<string, Uint8Array> {
  let count = 0;
  let packedTotal = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        // A central-directory record takes >= 46 bytes: a larger entry count is a corrupt (or hostile) count.
        if (++count > bytes.byteLength / 46) throw new Error("more entries than the file can hold");
        if (!WANTED_ENTRY.test(f.name)) return false;
        const declared = f.originalSize ?? 0;
        const packed = f.size ?? 0;
        // Entries that overlap (sum past the file) would let a small zip make us copy its data many times.
        packedTotal += packed;
        if (packedTotal > bytes.byteLength || declared > Math.max(packed, 1) * MAX_DEFLATE_RATIO) {
          throw new Error(
            `entry ${f.name} declares impossible sizes (${packed} packed, ${declared} unpacked)`,
          );
        }
        return true;
      },
    });
  } catch (cause) {
    return fail(`not a readable zip (truncated or corrupt?): ${(cause as Error).message}`, cause);
  }
  return new Map(Object.entries(files));
}

function rebuild(
  args: RebuildTensorArgs,
  littleEndian: boolean,
  budget: { elements: number },
  fail: (message: string) => never,
): Tensor<DataType> {
  const { storage, storageOffset: offset, size, stride } = args;
  if (!(storage instanceof StorageRef)) {
    return fail(`tensor storage is ${describe(storage)}, not a persistent storage`);
  }
  if (!isIndex(offset) || !isIndexList(size) || !isIndexList(stride) || size.length !== stride.length) {
    return fail(
      `tensor on storage ${storage.key}: offset ${describe(offset)}, size ${describe(size)}, stride ${describe(stride)} are invalid`,
    );
  }
  const numel = size.reduce((a, b) => a * b, 1);
  const view = `tensor of size [${size.join(", ")}], stride [${stride.join(", ")}], offset ${offset}`;
  if (numel > 0) {
    const last = size.reduce((acc, s, d) => acc + (s - 1) * stride[d]!, offset);
    if (last >= storage.numel) {
      fail(`${view} reads element ${last} of storage ${storage.key}, which has ${storage.numel}`);
    }
    // Only stride-0 (expanded) views hold more elements than their storage: cap what they may ask for.
    if (numel > storage.numel && numel > 2 ** 24) {
      fail(`${view} expands storage ${storage.key} to ${numel} elements`);
    }
  }
  budget.elements -= numel;
  if (budget.elements < 0) fail(`tensor views copy far more elements than the file holds (at ${view})`);
  storage.decoded ??= decodeElements({
    bytes: storage.bytes.subarray(0, storage.numel * ELEMENT_SIZE[storage.type]),
    type: storage.type,
    littleEndian,
  });
  return new Tensor<DataType>({
    dims: size,
    data: gather(storage.decoded, offset, size, stride, numel),
    dtype: tensorDtypeOf(storage.type),
  });
}

/** Copies a strided view into a dense row-major array (a plain slice when the view is already contiguous). */
function gather<A extends TensorData>(
  src: A,
  offset: number,
  size: number[],
  stride: number[],
  numel: number,
): A {
  let contiguous = true;
  for (let d = size.length - 1, expect = 1; d >= 0; expect *= size[d]!, d--) {
    if (size[d] !== 1 && stride[d] !== expect) contiguous = false;
  }
  if (contiguous) return src.slice(offset, offset + numel) as A;
  const out = new (src.constructor as new (n: number) => A)(numel);
  const index = new Array<number>(size.length).fill(0);
  let at = offset;
  for (let i = 0; i < numel; i++) {
    (out as Float32Array)[i] = (src as Float32Array)[at]!;
    // Odometer increment of the multi-index, updating the source offset incrementally.
    for (let d = size.length - 1; d >= 0; d--) {
      at += stride[d]!;
      if (++index[d]! < size[d]!) break;
      at -= stride[d]! * size[d]!;
      index[d] = 0;
    }
  }
  return out;
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isIndexList(v: unknown): v is number[] {
  return Array.isArray(v) && v.length <= 64 && v.every(isIndex);
}

/** A short description for messages; depth-limited because pickled lists can contain themselves. */
function describe(v: unknown, depth = 0): string {
  if (v instanceof Tensor) return "a tensor";
  if (v instanceof Map) return "a dict";
  if (v instanceof PickleGlobal) return v.qualifiedName;
  if (typeof v === "bigint") return `${v}`;
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (Array.isArray(v)) {
    if (depth > 2) return "(…)";
    return `(${v
      .slice(0, 6)
      .map((x) => describe(x, depth + 1))
      .join(", ")}${v.length > 6 ? ", …" : ""})`;
  }
  return v === null ? "None" : typeof v === "object" ? "an object" : String(v);
}
