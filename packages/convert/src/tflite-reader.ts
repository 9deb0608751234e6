import { FileFormatError } from "@mobilenetv1/core";
import * as flatbuffers from "flatbuffers";
import {
  ActivationFunctionType,
  BuiltinOperator,
  BuiltinOptions,
  Conv2DOptions,
  DepthwiseConv2DOptions,
  Model,
  Padding,
  Pool2DOptions,
  ReshapeOptions,
  SoftmaxOptions,
  SqueezeOptions,
  TensorType,
} from "./tflite-schema/tflite.js";

/** A tensor of a TFLite graph; `data` is set for float32 constants (weights, biases, shapes as int32). */
export interface TfliteTensor {
  readonly index: number;
  readonly name: string;
  readonly shape: readonly number[];
  /** TensorType name, e.g. `"FLOAT32"`. */
  readonly type: string;
  readonly data?: Float32Array | Int32Array;
}

/** The options of the operators a MobileNet uses, as plain values. */
export interface TfliteOptions {
  padding?: "SAME" | "VALID";
  strideH?: number;
  strideW?: number;
  dilationH?: number;
  dilationW?: number;
  filterH?: number;
  filterW?: number;
  depthMultiplier?: number;
  activation?: string;
  beta?: number;
  newShape?: number[];
  squeezeDims?: number[];
}

/** One operator: its builtin name (e.g. `"CONV_2D"`), tensor indices and options. */
export interface TfliteOperator {
  readonly op: string;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly options: TfliteOptions;
}

/** The main subgraph of a .tflite file. */
export interface TfliteGraph {
  readonly tensors: readonly TfliteTensor[];
  readonly operators: readonly TfliteOperator[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

/**
 * Parses a .tflite flatbuffer with the `flatbuffers` runtime and readers flatc generated from TFLite's
 * schema (src/tflite-schema/, from schema/tflite-subset.fbs). Constant buffers are copied out.
 *
 * Every offset, length and index in the file is checked (reads past the end, tensors naming buffers or
 * tensors that do not exist, constants whose bytes do not match their shape), so a truncated or forged
 * file gives a FileFormatError rather than garbage, a hang or a TypeError.
 *
 * @throws FileFormatError when the bytes are not a TFLite model (identifier "TFL3"), have no subgraph, or
 *   are truncated or inconsistent.
 * @example
 * const graph = readTflite({ bytes: new Uint8Array(await readFile("mobilenet_v1_0.25_224.tflite")) });
 * graph.operators[0].op // "CONV_2D"
 */
export function readTflite(params: { bytes: Uint8Array; file?: string }): TfliteGraph {
  const fail = (message: string, cause?: unknown) =>
    new FileFormatError({ format: "tflite", file: params.file, message, cause });
  try {
    return readGraph({ bytes: params.bytes, fail });
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    // The generated readers trust every offset; BoundedByteBuffer turns a read past the end into an error
    // and typed-array views over such ranges throw RangeError: both mean a truncated or forged file.
    throw fail(
      `truncated or malformed flatbuffer (${error instanceof Error ? error.message : String(error)})`,
      error,
    );
  }
}

/**
 * A flatbuffers ByteBuffer whose reads check their range. The runtime's own reads return `undefined`
 * (read as 0) past the end, so offsets and vector lengths from a forged file would silently read garbage
 * or loop over billions of elements.
 */
class BoundedByteBuffer extends flatbuffers.ByteBuffer {
  private check(offset: number, size: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.capacity()) {
      throw new RangeError(
        `read of ${size} bytes at offset ${offset} is outside the ${this.capacity()}-byte file`,
      );
    }
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
  override __vector_len(offset: number): number {
    const length = super.__vector_len(offset);
    // Every element takes at least one byte, so a vector cannot be longer than the bytes after it.
    if (length < 0 || this.__vector(offset) + length > this.capacity()) {
      throw new RangeError(`vector of ${length} elements at offset ${offset} runs past the end of the file`);
    }
    return length;
  }
  override __string(offset: number, encoding?: flatbuffers.Encoding): string | Uint8Array {
    const start = offset + this.readInt32(offset);
    this.check(start + 4, this.readInt32(start));
    return super.__string(offset, encoding);
  }
}

function readGraph(params: { bytes: Uint8Array; fail: (message: string) => FileFormatError }): TfliteGraph {
  const { fail } = params;
  // A fresh copy: the generated readers view vectors in place, which needs an aligned buffer.
  const bb = new BoundedByteBuffer(params.bytes.slice());
  if (params.bytes.length < 8 || !Model.bufferHasIdentifier(bb)) {
    throw fail('not a TFLite model (no "TFL3" file identifier)');
  }
  const model = Model.getRootAsModel(bb);
  const graph = model.subgraphsLength() > 0 ? model.subgraphs(0) : null;
  if (!graph) throw fail("the model has no subgraph");
  const tensorCount = graph.tensorsLength();
  const buffersLength = model.buffersLength();
  // One copy per buffer, however many tensors name it: a forged file cannot multiply its size in memory.
  const copies = new Map<number, ArrayBuffer>();
  const tensors: TfliteTensor[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const t = graph.tensors(i)!;
    const name = t.name() ?? "";
    const shape = [...(t.shapeArray() ?? [])];
    const type = TensorType[t.type()] ?? String(t.type());
    const bufferIndex = t.buffer();
    if (bufferIndex >= buffersLength) {
      throw fail(`tensor ${i} (${name}) names buffer ${bufferIndex}; the file has ${buffersLength}`);
    }
    const bytes = model.buffers(bufferIndex)?.dataArray();
    let data: Float32Array | Int32Array | undefined;
    if (bytes && bytes.length > 0 && (type === "FLOAT32" || type === "INT32")) {
      const elements = shape.reduce((a, b) => a * b, 1);
      if (shape.some((d) => d < 0) || elements * 4 !== bytes.length) {
        throw fail(
          `tensor ${i} (${name}) has shape [${shape.join(", ")}] but its buffer holds ${bytes.length} bytes`,
        );
      }
      let copy = copies.get(bufferIndex);
      if (!copy) {
        copy = bytes.slice().buffer;
        copies.set(bufferIndex, copy);
      }
      data = type === "FLOAT32" ? new Float32Array(copy) : new Int32Array(copy);
    }
    tensors.push({ index: i, name, shape, type, ...(data ? { data } : {}) });
  }
  const tensorIndices = (what: string, list: Int32Array | null, optional: boolean): number[] => {
    const out = [...(list ?? [])];
    for (const index of out) {
      if (index >= tensorCount || index < (optional ? -1 : 0)) {
        throw fail(`${what} names tensor ${index}; the subgraph has ${tensorCount}`);
      }
    }
    return out;
  };
  const codesLength = model.operatorCodesLength();
  const operators: TfliteOperator[] = [];
  for (let i = 0; i < graph.operatorsLength(); i++) {
    const o = graph.operators(i)!;
    if (o.opcodeIndex() >= codesLength) {
      throw fail(`operator ${i} names operator code ${o.opcodeIndex()}; the file has ${codesLength}`);
    }
    const code = model.operatorCodes(o.opcodeIndex())!;
    // Schema 3a: builtin_code holds codes ≥ 127; older files only set the byte-sized deprecated field.
    const builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
    operators.push({
      op: BuiltinOperator[builtin] ?? `BUILTIN_${builtin}`,
      // -1 marks an omitted optional input (e.g. a convolution without bias).
      inputs: tensorIndices(`operator ${i}'s inputs`, o.inputsArray(), true),
      outputs: tensorIndices(`operator ${i}'s outputs`, o.outputsArray(), false),
      options: readOptions(o.builtinOptionsType(), (table) => o.builtinOptions(table)),
    });
  }
  return {
    tensors,
    operators,
    inputs: tensorIndices("the subgraph's inputs", graph.inputsArray(), false),
    outputs: tensorIndices("the subgraph's outputs", graph.outputsArray(), false),
  };
}

function readOptions(type: BuiltinOptions, read: <T>(table: T) => T | null): TfliteOptions {
  const padding = (p: Padding) => (p === Padding.VALID ? "VALID" : "SAME") as "SAME" | "VALID";
  const activation = (a: ActivationFunctionType) => ActivationFunctionType[a] ?? String(a);
  switch (type) {
    case BuiltinOptions.Conv2DOptions: {
      const o = read(new Conv2DOptions())!;
      return {
        padding: padding(o.padding()),
        strideH: o.strideH(),
        strideW: o.strideW(),
        dilationH: o.dilationHFactor(),
        dilationW: o.dilationWFactor(),
        activation: activation(o.fusedActivationFunction()),
      };
    }
    case BuiltinOptions.DepthwiseConv2DOptions: {
      const o = read(new DepthwiseConv2DOptions())!;
      return {
        padding: padding(o.padding()),
        strideH: o.strideH(),
        strideW: o.strideW(),
        dilationH: o.dilationHFactor(),
        dilationW: o.dilationWFactor(),
        depthMultiplier: o.depthMultiplier(),
        activation: activation(o.fusedActivationFunction()),
      };
    }
    case BuiltinOptions.Pool2DOptions: {
      const o = read(new Pool2DOptions())!;
      return {
        padding: padding(o.padding()),
        strideH: o.strideH(),
        strideW: o.strideW(),
        filterH: o.filterHeight(),
        filterW: o.filterWidth(),
        activation: activation(o.fusedActivationFunction()),
      };
    }
    case BuiltinOptions.SoftmaxOptions:
      return { beta: read(new SoftmaxOptions())!.beta() };
    case BuiltinOptions.ReshapeOptions:
      return { newShape: [...(read(new ReshapeOptions())!.newShapeArray() ?? [])] };
    case BuiltinOptions.SqueezeOptions:
      return { squeezeDims: [...(read(new SqueezeOptions())!.squeezeDimsArray() ?? [])] };
    default:
      return {};
  }
}
