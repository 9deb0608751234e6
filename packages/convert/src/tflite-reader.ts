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
 * @throws FileFormatError when the bytes are not a TFLite model (identifier "TFL3") or have no subgraph.
 * @example
 * const graph = readTflite({ bytes: new Uint8Array(await readFile("mobilenet_v1_0.25_224.tflite")) });
 * graph.operators[0].op // "CONV_2D"
 */
export function readTflite(params: { bytes: Uint8Array; file?: string }): TfliteGraph {
  // A fresh copy: the generated readers view vectors in place, which needs an aligned buffer.
  const bb = new flatbuffers.ByteBuffer(params.bytes.slice());
  if (!Model.bufferHasIdentifier(bb)) {
    throw new FileFormatError({
      format: "tflite",
      file: params.file,
      message: 'not a TFLite model (no "TFL3" file identifier)',
    });
  }
  const model = Model.getRootAsModel(bb);
  const graph = model.subgraphs(0);
  if (!graph)
    throw new FileFormatError({ format: "tflite", file: params.file, message: "the model has no subgraph" });
  const tensors: TfliteTensor[] = [];
  for (let i = 0; i < graph.tensorsLength(); i++) {
    const t = graph.tensors(i)!;
    const bytes = model.buffers(t.buffer())?.dataArray();
    const type = TensorType[t.type()] ?? String(t.type());
    let data: Float32Array | Int32Array | undefined;
    if (bytes && bytes.length > 0 && (type === "FLOAT32" || type === "INT32")) {
      const copy = bytes.slice().buffer;
      data = type === "FLOAT32" ? new Float32Array(copy) : new Int32Array(copy);
    }
    tensors.push({
      index: i,
      name: t.name() ?? "",
      shape: [...(t.shapeArray() ?? [])],
      type,
      ...(data ? { data } : {}),
    });
  }
  const operators: TfliteOperator[] = [];
  for (let i = 0; i < graph.operatorsLength(); i++) {
    const o = graph.operators(i)!;
    const code = model.operatorCodes(o.opcodeIndex())!;
    // Schema 3a: builtin_code holds codes ≥ 127; older files only set the byte-sized deprecated field.
    const builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
    operators.push({
      op: BuiltinOperator[builtin] ?? `BUILTIN_${builtin}`,
      inputs: [...(o.inputsArray() ?? [])],
      outputs: [...(o.outputsArray() ?? [])],
      options: readOptions(o.builtinOptionsType(), (table) => o.builtinOptions(table)),
    });
  }
  return {
    tensors,
    operators,
    inputs: [...(graph.inputsArray() ?? [])],
    outputs: [...(graph.outputsArray() ?? [])],
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
