import { InputError } from "../errors/errors.js";
import type { DataType, Tensor } from "../tensor.js";
import { littleEndianBytes } from "./element-decoding.js";
import type { StateDict } from "./state-dict.js";

const DTYPE_NAME: Readonly<Record<DataType, string>> = { float32: "F32", int64: "I64", int32: "I32" };
// Rank in the Rust crate's `Dtype` enum (increasing alignment); its `prepare()` sorts descending on it.
const DTYPE_RANK: Readonly<Record<string, number>> = { I8: 2, I32: 9, F32: 11, I64: 13 };

/**
 * Serializes tensors to the safetensors format byte for byte as the Python `safetensors` package
 * (its Rust core) does: tensors sorted by dtype alignment, largest first, then by name (UTF-8 byte
 * order); compact JSON header with `__metadata__` first; header padded with spaces to a multiple of
 * 8 so every tensor's data stays aligned.
 *
 * @param params.tensors float32, int64 or int32 tensors by name.
 * @param params.metadata Free-form strings stored as `__metadata__` (omitted when undefined).
 * @param params.int8 Names of int32 tensors to store as `I8` (each value must be in [-128, 127]): how
 *   an int8 checkpoint is written, since core's tensors hold int8 values as int32. @default none
 * @returns The whole file.
 * @throws {InputError} for a name `__metadata__`, a non-string metadata value, or an `int8` tensor that is
 *   not int32 or holds a value outside [-128, 127].
 *
 * @example
 * const bytes = writeSafetensors({
 *   tensors: new Map([["w", new Tensor({ dims: [2], data: new Float32Array([1, 2]) })]]),
 *   metadata: { format: "pt" },
 * });
 * readSafetensors({ bytes }).tensors.get("w")?.data // Float32Array [1, 2]
 */
export function writeSafetensors(params: {
  tensors: StateDict;
  metadata?: Record<string, string>;
  int8?: ReadonlySet<string>;
}): Uint8Array {
  const encoder = new TextEncoder();
  const items = [...params.tensors].map(([name, tensor]) => {
    if (name === "__metadata__") {
      throw new InputError({ argument: "tensors key", value: name, expected: "any name but __metadata__" });
    }
    if (!Object.hasOwn(DTYPE_NAME, tensor.dtype)) {
      throw new InputError({
        argument: `tensors.get(${JSON.stringify(name)}).dtype`,
        value: tensor.dtype,
        expected: "float32, int64 or int32",
      });
    }
    const dtype = params.int8?.has(name) ? int8Name(name, tensor) : DTYPE_NAME[tensor.dtype];
    return { name, utf8: encoder.encode(name), tensor: tensor as Tensor<DataType>, dtype };
  });
  items.sort((a, b) => DTYPE_RANK[b.dtype]! - DTYPE_RANK[a.dtype]! || compareBytes(a.utf8, b.utf8));

  // Built by hand, not JSON.stringify(object): object keys like "0" would be reordered by JS.
  const parts: string[] = [];
  if (params.metadata !== undefined) {
    for (const [k, v] of Object.entries(params.metadata)) {
      if (typeof v !== "string") {
        throw new InputError({ argument: `metadata.${k}`, value: v, expected: "a string" });
      }
    }
    parts.push(`"__metadata__":${JSON.stringify(params.metadata)}`);
  }
  let offset = 0;
  const blobs: Uint8Array[] = [];
  for (const { name, tensor, dtype } of items) {
    const blob =
      dtype === "I8"
        ? new Uint8Array(Int8Array.from(tensor.data as Int32Array).buffer)
        : littleEndianBytes(tensor.data);
    const info = {
      dtype,
      shape: tensor.dims,
      data_offsets: [offset, offset + blob.byteLength],
    };
    parts.push(`${JSON.stringify(name)}:${JSON.stringify(info)}`);
    blobs.push(blob);
    offset += blob.byteLength;
  }
  const json = encoder.encode(`{${parts.join(",")}}`);
  const headerLength = Math.ceil(json.byteLength / 8) * 8;

  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.byteLength, 8 + headerLength);
  let at = 8 + headerLength;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.byteLength;
  }
  return out;
}

/** `"I8"` when `tensor` is int32 with every value in int8's range; throws otherwise. */
function int8Name(name: string, tensor: Tensor<DataType>): string {
  if (tensor.dtype !== "int32" || !(tensor.data as Int32Array).every((v) => v >= -128 && v <= 127)) {
    throw new InputError({
      argument: `int8 tensor ${JSON.stringify(name)}`,
      value: tensor.dtype,
      expected: "int32 values in [-128, 127]",
    });
  }
  return "I8";
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
