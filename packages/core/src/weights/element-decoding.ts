import type { DataType } from "../tensor.js";

/** Element types found in weight files (safetensors dtypes and torch storage types). */
export type ElementType =
  | "float32"
  | "float16"
  | "bfloat16"
  | "float64"
  | "int64"
  | "int32"
  | "int16"
  | "int8"
  | "uint8"
  | "bool";

/** Bytes per element. */
export const ELEMENT_SIZE: Readonly<Record<ElementType, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** What the SDK keeps: every float becomes float32 (what the network computes in), int64 stays exact. */
export function tensorDtypeOf(type: ElementType): DataType {
  if (type === "int64") return "int64";
  if (type === "float32" || type === "float16" || type === "bfloat16" || type === "float64") return "float32";
  return "int32";
}

/** Typed array of a {@link DataType}. */
export type TensorData = Float32Array | BigInt64Array | Int32Array;

/** True on every platform Node and browsers ship on today; the DataView path keeps big-endian hosts correct. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decodes `bytes` (a whole number of elements) into a freshly allocated, aligned typed array of
 * {@link tensorDtypeOf}(type). Files may place data at any byte offset, so by default we copy.
 * With `view: true`, host-endian float32/int32/int64 data at an aligned offset is returned as a view
 * sharing `bytes`' memory instead: for a caller that owns the bytes (a model loader that just read the
 * file), since a fresh 10 MB copy costs tens of milliseconds of page faults at load. Other data is
 * still copied.
 *
 * @example
 * decodeElements({ bytes: Uint8Array.from([0x00, 0x3c, 0x00, 0xc0]), type: "float16" }) // Float32Array [1, -2]
 */
export function decodeElements(params: {
  bytes: Uint8Array;
  type: ElementType;
  littleEndian?: boolean;
  /** Share `bytes`' memory where the layout allows it. @default false */
  view?: boolean;
}): TensorData {
  const { bytes, type } = params;
  const le = params.littleEndian ?? true;
  const count = Math.floor(bytes.byteLength / ELEMENT_SIZE[type]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fastCopy = le === HOST_IS_LITTLE_ENDIAN;
  // A copy into a fresh, aligned ArrayBuffer. Uint8Array's own slice, because a Node Buffer's slice is a
  // view whose .buffer is Node's shared pool, not the tensor's bytes.
  const copy = (byteLength: number) => Uint8Array.prototype.slice.call(bytes, 0, byteLength).buffer;
  const canView = (size: number) => params.view === true && fastCopy && bytes.byteOffset % size === 0;
  switch (type) {
    case "float32": {
      if (canView(4)) return new Float32Array(bytes.buffer, bytes.byteOffset, count);
      if (fastCopy) return new Float32Array(copy(count * 4));
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, le);
      return out;
    }
    case "int64": {
      if (canView(8)) return new BigInt64Array(bytes.buffer, bytes.byteOffset, count);
      if (fastCopy) return new BigInt64Array(copy(count * 8));
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getBigInt64(i * 8, le);
      return out;
    }
    case "int32": {
      if (canView(4)) return new Int32Array(bytes.buffer, bytes.byteOffset, count);
      if (fastCopy) return new Int32Array(copy(count * 4));
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, le);
      return out;
    }
    case "float64": {
      // Float32Array assignment rounds to nearest even, as torch's .float() and numpy's astype do.
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, le);
      return out;
    }
    case "float16":
    case "bfloat16": {
      // Work on bit patterns so every half value (subnormals, -0, inf, NaN payloads) maps exactly.
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      const convert = type === "float16" ? halfBitsToFloatBits : (h: number) => h << 16;
      for (let i = 0; i < count; i++) bits[i] = convert(view.getUint16(i * 2, le)) >>> 0;
      return out;
    }
    case "int16": {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, le);
      return out;
    }
    case "int8":
      return Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, count));
    case "uint8":
      return Int32Array.from(bytes.subarray(0, count));
    case "bool":
      return Int32Array.from(bytes.subarray(0, count), (b) => (b === 0 ? 0 : 1));
  }
}

function halfBitsToFloatBits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) return sign | 0x7f800000 | (mant << 13);
  if (exp !== 0) return sign | ((exp + 112) << 23) | (mant << 13);
  if (mant === 0) return sign;
  // Subnormal half: normalize, since every half subnormal is a normal float32.
  let e = 113;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e--;
  }
  return sign | (e << 23) | ((mant & 0x3ff) << 13);
}

/** Little-endian bytes of a typed array (a view when the host is little-endian, else a swapped copy). */
export function littleEndianBytes(data: TensorData): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i]!, true);
    else if (data instanceof Int32Array) view.setInt32(i * 4, data[i]!, true);
    else view.setBigInt64(i * 8, data[i]!, true);
  }
  return out;
}
