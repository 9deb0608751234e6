import { FileFormatError } from "../errors/errors.js";
import { jsonNestingDepth } from "../io/json-text.js";
import { type DataType, Tensor } from "../tensor.js";
import { decodeElements, ELEMENT_SIZE, type ElementType, tensorDtypeOf } from "./element-decoding.js";
import type { StateDict } from "./state-dict.js";

/** The Rust safetensors crate's MAX_HEADER_SIZE: a bigger header is treated as hostile. */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

/** Deepest JSON nesting in a safetensors header: real headers nest 3 levels (the object, each entry, its shape). */
export const SAFETENSORS_MAX_HEADER_DEPTH = 8;

/** Most dimensions a tensor may have (PyTorch's own limit is 64; MobileNet tensors have at most 4). */
export const SAFETENSORS_MAX_DIMS = 64;

/** safetensors dtype strings this reader accepts, and the element type each holds. */
export const SAFETENSORS_DTYPES: Readonly<Record<string, ElementType>> = {
  F32: "float32",
  F16: "float16",
  BF16: "bfloat16",
  F64: "float64",
  I64: "int64",
  I32: "int32",
  I16: "int16",
  I8: "int8",
  U8: "uint8",
  BOOL: "bool",
};

interface Entry {
  name: string;
  type: ElementType;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parses a `.safetensors` file, validating it as strictly as the Rust crate does: the header must fit
 * the file, every tensor's byte range must match its shape and dtype, and the ranges must tile the
 * data section exactly (no overlap, no gap, nothing after). F32/I64/I32 keep their type; F16, BF16
 * and F64 become float32; I16/I8/U8/BOOL become int32.
 *
 * @param params.bytes The whole file.
 * @param params.file File name used in error messages.
 * @param params.view Return float32/int32/int64 tensors as views into `bytes` where aligned, instead of
 *   copies (for a caller that owns `bytes` and will not change them). @default false
 * @returns The tensors in data order, and the `__metadata__` strings (empty when absent).
 * @throws {FileFormatError} (format `"safetensors"`) naming what is wrong.
 *
 * @example
 * const { tensors, metadata } = readSafetensors({ bytes: await readFile("model.safetensors") });
 * tensors.get("classifier.bias")?.dims // [1000]
 * metadata.format // "pt"
 */
export function readSafetensors(params: { bytes: Uint8Array; file?: string; view?: boolean }): {
  tensors: StateDict;
  metadata: Record<string, string>;
} {
  const { bytes, file } = params;
  const fail: (message: string, cause?: unknown) => never = (message, cause) => {
    throw new FileFormatError({ format: "safetensors", file, message, cause });
  };
  if (bytes.byteLength < 8) fail(`file is ${bytes.byteLength} bytes, shorter than the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(SAFETENSORS_MAX_HEADER_BYTES)) {
    fail(`header length ${headerLength} exceeds the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit`);
  }
  const n = Number(headerLength);
  if (8 + n > bytes.byteLength) {
    fail(`header length ${n} does not fit in a file of ${bytes.byteLength} bytes (truncated?)`);
  }
  let text = "";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch (cause) {
    fail(`header is not valid UTF-8 JSON: ${(cause as Error).message}`, cause);
  }
  // A header nests two levels (three with __metadata__): anything deep is hostile, refused before parsing.
  if (jsonNestingDepth({ text, stopAbove: SAFETENSORS_MAX_HEADER_DEPTH }) > SAFETENSORS_MAX_HEADER_DEPTH) {
    fail(`header JSON nests deeper than ${SAFETENSORS_MAX_HEADER_DEPTH} levels`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (cause) {
    fail(`header is not valid UTF-8 JSON: ${(cause as Error).message}`, cause);
  }
  if (!isPlainObject(header)) fail("header must be a JSON object");
  const dataLength = bytes.byteLength - 8 - n;
  const { entries, metadata } = parseHeader(header as Record<string, unknown>, dataLength, fail);

  // Like the Rust crate: sorted by offsets, each range must start where the previous one ended,
  // and the last must end at the end of the file, so no byte is shared or unaccounted for.
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected) {
      fail(
        e.begin < expected
          ? `tensor ${shortJson(e.name)}: data_offsets [${e.begin},${e.end}] overlap the previous tensor, which ends at ${expected}`
          : `tensor ${shortJson(e.name)}: data_offsets [${e.begin},${e.end}] leave a gap after byte ${expected}`,
      );
    }
    expected = e.end;
  }
  if (expected !== dataLength) {
    fail(
      `tensors cover ${expected} bytes but the data section has ${dataLength} bytes (extra or missing data)`,
    );
  }

  const tensors: StateDict = new Map();
  const base = 8 + n;
  for (const e of entries) {
    const data = decodeElements({
      bytes: bytes.subarray(base + e.begin, base + e.end),
      type: e.type,
      view: params.view,
    });
    tensors.set(e.name, new Tensor<DataType>({ dims: e.shape, data, dtype: tensorDtypeOf(e.type) }));
  }
  return { tensors, metadata };
}

function parseHeader(
  header: Record<string, unknown>,
  dataLength: number,
  fail: (message: string) => never,
): { entries: Entry[]; metadata: Record<string, string> } {
  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isPlainObject(info) || !Object.values(info).every((v) => typeof v === "string")) {
        fail("__metadata__ must be an object of string values");
      }
      // fromEntries defines own properties, so a "__proto__" key stays data.
      metadata = Object.fromEntries(Object.entries(info as Record<string, string>));
      continue;
    }
    const what = `tensor ${shortJson(name)}`;
    if (!isPlainObject(info)) fail(`${what}: entry must be an object with dtype, shape and data_offsets`);
    const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
    if (typeof dtype !== "string" || !Object.hasOwn(SAFETENSORS_DTYPES, dtype)) {
      fail(`${what}: dtype ${shortJson(dtype)} is not one of ${Object.keys(SAFETENSORS_DTYPES).join(", ")}`);
    }
    const type = SAFETENSORS_DTYPES[dtype as string]!;
    if (!Array.isArray(shape) || shape.length > SAFETENSORS_MAX_DIMS || !shape.every(isIndex)) {
      fail(
        `${what}: shape ${shortJson(shape)} must be an array of at most ${SAFETENSORS_MAX_DIMS} non-negative integers`,
      );
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
      fail(`${what}: data_offsets ${shortJson(offsets)} must be [begin, end] non-negative integers`);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) fail(`${what}: data_offsets [${begin},${end}] end before they begin`);
    if (end > dataLength) {
      fail(`${what}: data_offsets [${begin},${end}] exceed the data section of ${dataLength} bytes`);
    }
    // Checked in float: any product past 2^53 is already far beyond dataLength, so rounding can't hide a match.
    const nbytes = (shape as number[]).reduce((a, b) => a * b, 1) * ELEMENT_SIZE[type];
    if (end - begin !== nbytes) {
      fail(
        `${what}: shape [${(shape as number[]).join(",")}] of ${dtype} needs ${nbytes} bytes ` +
          `but data_offsets [${begin},${end}] hold ${end - begin}`,
      );
    }
    entries.push({ name, type, shape: shape as number[], begin, end });
  }
  return { entries, metadata };
}

/** A header value for messages, shortened: a hostile header may hold megabyte names or shapes. */
function shortJson(shape: unknown): string {
  const text = JSON.stringify(shape) ?? String(shape);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
