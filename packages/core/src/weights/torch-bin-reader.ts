import { FileFormatError, FileTooLargeError } from "../errors/errors.js";
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
import { listZipEntries, readZipEntry, type ZipEntry } from "./zip-entries.js";

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

/**
 * Default cap on all bytes a pytorch_model.bin may unpack to (pickle and storages together): a MobileNetV1
 * 1.0 checkpoint unpacks to 17 MB, and 2 GiB still fits one typed array. Option `maxUnpackedBytes`.
 */
export const TORCH_BIN_MAX_UNPACKED_BYTES = 2 ** 31;
/** Default cap on the unpacked data.pkl: a MobileNetV1 pickle is ~20 KB. Option `maxPickleBytes`. */
export const TORCH_BIN_MAX_PICKLE_BYTES = 64 * 2 ** 20;

class StorageRef {
  decoded: TensorData | undefined;
  constructor(
    readonly key: string,
    readonly type: ElementType,
    readonly numel: number,
    /** Unpacks the member on first use, to exactly the bytes the storage needs. */
    readonly bytes: () => Uint8Array,
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
 * @param params.maxUnpackedBytes Cap on everything the zip unpacks to. @default TORCH_BIN_MAX_UNPACKED_BYTES (2 GiB)
 * @param params.maxPickleBytes Cap on the unpacked data.pkl. @default TORCH_BIN_MAX_PICKLE_BYTES (64 MiB)
 * @returns The tensors in the order the pickle lists them.
 * @throws {UnsafePickleError} when the pickle names a global that is not a torch tensor rebuilder.
 * @throws {FileTooLargeError} (code `"FILE_TOO_LARGE"`) when data.pkl or the total would pass its cap, or a
 *   member declares or inflates to more bytes than its storage needs; checked before (and while) inflating.
 * @throws {FileFormatError} for the legacy (pre-1.6) format, a bad or truncated zip, a missing entry or
 *   a tensor view that does not fit its storage.
 *
 * @example
 * const sd = readTorchBin({ bytes: await readFile("pytorch_model.bin"), file: "pytorch_model.bin" });
 * sd.get("classifier.weight")?.dims // [1000, 768]
 */
export function readTorchBin(params: {
  bytes: Uint8Array;
  file?: string;
  maxUnpackedBytes?: number;
  maxPickleBytes?: number;
}): StateDict {
  const { bytes, file } = params;
  const maxUnpacked = params.maxUnpackedBytes ?? TORCH_BIN_MAX_UNPACKED_BYTES;
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

  const entries = wantedEntries(bytes, fail);
  const pickles = [...entries.keys()].filter((name) => name.endsWith("/data.pkl"));
  if (pickles.length !== 1) {
    fail(`expected one <folder>/data.pkl entry, found ${pickles.length === 0 ? "none" : pickles.join(", ")}`);
  }
  const prefix = pickles[0]!.slice(0, -"data.pkl".length);
  // Every unpacked byte is counted against maxUnpacked before it is unpacked.
  let unpacked = 0;
  const unpack = (entry: ZipEntry, size: number, limit: number, limitName: string): Uint8Array => {
    unpacked += size;
    if (size > limit || unpacked > maxUnpacked) {
      const [over, cap, name] =
        size > limit ? [size, limit, limitName] : [unpacked, maxUnpacked, "maxUnpackedBytes"];
      throw new FileTooLargeError({ file, member: entry.name, size: over, limit: cap, limitName: name });
    }
    const inflatesPast = (): never => {
      throw new FileTooLargeError({
        file,
        member: entry.name,
        size: size + 1,
        limit: size,
        limitName: "the size its header declares",
        message: `inflates past the ${size} bytes its header declares (a zip bomb?): refused before inflating further`,
      });
    };
    return readZipEntry({ bytes, entry, size, fail, inflatesPast });
  };
  const byteorderEntry = entries.get(`${prefix}byteorder`);
  const byteorder = byteorderEntry && unpack(byteorderEntry, byteorderEntry.declaredSize, 16, "16 bytes");
  const order = byteorder === undefined ? "little" : new TextDecoder().decode(byteorder).trim();
  if (order !== "little" && order !== "big") fail(`${prefix}byteorder is ${JSON.stringify(order)}`);
  const pickleEntry = entries.get(pickles[0]!)!;
  const maxPickle = params.maxPickleBytes ?? TORCH_BIN_MAX_PICKLE_BYTES;
  const pickle = unpack(pickleEntry, pickleEntry.declaredSize, maxPickle, "maxPickleBytes");

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
    const entry = entries.get(`${prefix}data/${key}`);
    if (!entry) return fail(`storage ${key}: entry ${prefix}data/${key} is missing`);
    // torch.save writes each storage's bytes exactly: a member of any other size is corrupt or hostile,
    // and one declaring more than the storage needs is refused before anything is unpacked.
    const need = numel * ELEMENT_SIZE[type];
    if (entry.declaredSize > need) {
      throw new FileTooLargeError({
        file,
        member: entry.name,
        size: entry.declaredSize,
        limit: need,
        limitName: `storage ${key}: ${numel} ${type} elements`,
        message: `declares ${entry.declaredSize} bytes, but its storage holds ${numel} ${type} elements (${need} bytes)`,
      });
    }
    if (entry.declaredSize < need) {
      fail(`storage ${key}: ${numel} ${type} elements need ${need} bytes, entry has ${entry.declaredSize}`);
    }
    let data: Uint8Array | undefined;
    const ref = new StorageRef(key, type, numel, () => {
      data ??= unpack(entry, need, need, `storage ${key}`);
      return data;
    });
    storages.set(key, ref);
    return ref;
  };
  // Views copy out of storages, and a small pickle could reference one big storage thousands of
  // times: cap the elements all views may copy (tied weights legitimately copy a storage twice).
  const budget = { elements: 4 * bytes.byteLength + 2 ** 24 };
  const rebuildTensor = (args: RebuildTensorArgs) => rebuild(args, order === "little", budget, fail);

  const root = unpickle({ bytes: pickle, file, persistentLoad, rebuildTensor });
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

/** The entries torch needs, by name; every other entry is never unpacked. */
function wantedEntries(bytes: Uint8Array, fail: (message: string) => never): Map<string, ZipEntry> {
  const wanted = new Map<string, ZipEntry>();
  let packedTotal = 0;
  const corrupt = (m: string): never => fail(`not a readable zip (truncated or corrupt?): ${m}`);
  for (const entry of listZipEntries(bytes, corrupt)) {
    if (!WANTED_ENTRY.test(entry.name)) continue;
    if (wanted.has(entry.name)) fail(`entry ${entry.name} appears twice`);
    // Entries that overlap (sum past the file) would let a small zip make us copy its data many times.
    packedTotal += entry.packedSize;
    if (packedTotal > bytes.byteLength) fail(`entries overlap: their packed sizes add up past the file`);
    wanted.set(entry.name, entry);
  }
  return wanted;
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
    bytes: storage.bytes(),
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
