/**
 * The Open Inference Protocol v2 (KServe, Triton) REST JSON shapes: the inference request and response,
 * model metadata. One input per request, either
 * - `pixel_values`, datatype `FP32`, shape [N, C, H, W] (H, W >= 32): run as given; or
 * - any name, datatype `BYTES`, shape [N] (or [N, 1]): N encoded images as base64 strings (the JSON form of
 *   BYTES; the binary-data extension is not supported), decoded and preprocessed like the HF route.
 * `data` may be flat or nested (row-major), as the protocol allows. The one output is `logits` FP32.
 */
import { BadRequestError } from "./errors.js";
import { decodeBase64Image, describe } from "./request-body.js";

/** The input name of preprocessed pixels. */
export const PIXEL_VALUES_INPUT = "pixel_values";
/** The output name. */
export const LOGITS_OUTPUT = "logits";
/** Smallest height and width the network accepts. */
export const MIN_SIDE = 32;

/** A parsed v2 inference request: either pixels to run as given or encoded images to preprocess. */
export type V2InferInput =
  | { kind: "pixels"; dims: number[]; data: Float32Array }
  | { kind: "images"; images: Uint8Array[] };

/** What the handler needs from a v2 inference request. */
export interface V2InferRequest {
  id: string | undefined;
  input: V2InferInput;
}

/**
 * Validates a v2 inference request body.
 *
 * @throws BadRequestError (400) naming the field: not exactly one input, an unknown datatype or output,
 * a shape that is not [N, channels, H >= 32, W >= 32] (or [N] for BYTES), data whose length or values do
 * not fit the shape.
 * @example
 * parseV2InferRequest({ json: { inputs: [{ name: "pixel_values", datatype: "FP32", shape: [1, 3, 32, 32], data }] }, channels: 3 })
 * // { id: undefined, input: { kind: "pixels", dims: [1, 3, 32, 32], data: Float32Array(3072) } }
 */
export function parseV2InferRequest(params: {
  json: Record<string, unknown>;
  channels: number;
}): V2InferRequest {
  const { json } = params;
  if (json.id !== undefined && typeof json.id !== "string") {
    throw new BadRequestError({ field: "id", message: `got ${describe(json.id)}`, expected: "a string" });
  }
  checkOutputs(json.outputs);
  const inputs = json.inputs;
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    throw new BadRequestError({
      field: "inputs",
      message: `got ${describe(inputs)}`,
      expected: `an array of one input (${PIXEL_VALUES_INPUT} FP32, or BYTES images)`,
    });
  }
  const input = inputs[0] as unknown;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new BadRequestError({
      field: "inputs[0]",
      message: `got ${describe(input)}`,
      expected: "an object",
    });
  }
  const { name, datatype, shape, data, parameters } = input as Record<string, unknown>;
  if (typeof parameters === "object" && parameters !== null && "binary_data_size" in parameters) {
    throw new BadRequestError({
      field: "inputs[0].parameters.binary_data_size",
      message: "the binary tensor data extension is not supported",
      expected: "tensor data in the JSON body",
    });
  }
  const dims = readShape(shape);
  if (datatype === "FP32") {
    if (name !== PIXEL_VALUES_INPUT) {
      throw new BadRequestError({
        field: "inputs[0].name",
        message: `got ${describe(name)}`,
        expected: `"${PIXEL_VALUES_INPUT}" for FP32 input`,
      });
    }
    const [n, c, h, w] = dims;
    if (dims.length !== 4 || n! < 1 || c !== params.channels || h! < MIN_SIDE || w! < MIN_SIDE) {
      throw new BadRequestError({
        field: "inputs[0].shape",
        message: `got [${dims.join(", ")}]`,
        expected: `[N >= 1, ${params.channels}, H >= ${MIN_SIDE}, W >= ${MIN_SIDE}]`,
      });
    }
    const values = flatten({ data, size: product(dims), field: "inputs[0].data" });
    const floats = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new BadRequestError({
          field: `inputs[0].data[${i}]`,
          message: `got ${describe(v)}`,
          expected: "a finite number",
        });
      }
      floats[i] = v;
    }
    return { id: json.id, input: { kind: "pixels", dims, data: floats } };
  }
  if (datatype === "BYTES") {
    if (dims.length < 1 || dims.length > 2 || dims[0]! < 1 || (dims.length === 2 && dims[1] !== 1)) {
      throw new BadRequestError({
        field: "inputs[0].shape",
        message: `got [${dims.join(", ")}]`,
        expected: "[N >= 1] or [N >= 1, 1] for BYTES images",
      });
    }
    const values = flatten({ data, size: dims[0]!, field: "inputs[0].data" });
    const images = values.map((value, i) => decodeBase64Image({ value, field: `inputs[0].data[${i}]` }));
    return { id: json.id, input: { kind: "images", images } };
  }
  throw new BadRequestError({
    field: "inputs[0].datatype",
    message: `got ${describe(datatype)}`,
    expected: '"FP32" (pixel_values) or "BYTES" (encoded images)',
  });
}

function checkOutputs(outputs: unknown): void {
  if (outputs === undefined) return;
  const ok =
    Array.isArray(outputs) &&
    outputs.every(
      (o) => typeof o === "object" && o !== null && (o as Record<string, unknown>).name === LOGITS_OUTPUT,
    );
  if (!ok) {
    throw new BadRequestError({
      field: "outputs",
      message: `got ${JSON.stringify(outputs).slice(0, 80)}`,
      expected: `absent, or a list of { "name": "${LOGITS_OUTPUT}" }`,
    });
  }
}

function readShape(shape: unknown): number[] {
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    shape.length > 8 ||
    !shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)
  ) {
    throw new BadRequestError({
      field: "inputs[0].shape",
      message: `got ${JSON.stringify(shape)?.slice(0, 80)}`,
      expected: "an array of non-negative integers",
    });
  }
  return shape as number[];
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Row-major elements of flat or nested `data`, which must hold exactly `size` of them. */
function flatten(params: { data: unknown; size: number; field: string }): unknown[] {
  if (!Array.isArray(params.data)) {
    throw new BadRequestError({
      field: params.field,
      message: `got ${describe(params.data)}`,
      expected: "an array",
    });
  }
  const out: unknown[] = [];
  const stack: { items: unknown[]; i: number }[] = [{ items: params.data, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.items.length) {
      stack.pop();
      continue;
    }
    const v = top.items[top.i++];
    if (Array.isArray(v)) {
      if (stack.length >= 8) {
        throw new BadRequestError({
          field: params.field,
          message: "nested too deep",
          expected: "the tensor's shape",
        });
      }
      stack.push({ items: v, i: 0 });
    } else {
      if (out.length === params.size) break;
      out.push(v);
    }
  }
  if (out.length !== params.size || stack.length > 0) {
    throw new BadRequestError({
      field: params.field,
      message: `holds ${out.length === params.size ? "more than" : out.length} elements`,
      expected: `${params.size} elements for the shape`,
    });
  }
  return out;
}
