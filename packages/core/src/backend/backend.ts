import type { DataType, Tensor } from "../tensor.js";

/**
 * Initializer bytes an ONNX model refers to as external data: a tensor whose `external_data` says
 * `location: path, offset: 0, length: data.byteLength` takes its raw little-endian bytes from `data`.
 */
export interface ExternalWeight {
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * What core hands a backend to execute: an ONNX model (weights as initializers) with
 * named inputs and outputs. ONNX is the description because both onnxruntime-node and
 * onnxruntime-web execute it natively and its `auto_pad: SAME_UPPER` is TensorFlow's "SAME"
 * padding evaluated at run time for every input size.
 */
export interface GraphDescription {
  /** Serialized `onnx.ModelProto`. */
  readonly onnx: Uint8Array;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** A short label for logs and errors, e.g. `"mobilenet_v1 0.75 logits"`. */
  readonly label: string;
  /**
   * The large initializers' bytes, when they are not inside `onnx` (only for a backend that declares
   * {@link Backend.externalWeights}). They are views of the model's weights, not copies: the backend
   * hands them to its runtime as in-memory external data and must keep them alive as long as the
   * executable, and never write to them.
   */
  readonly externalData?: readonly ExternalWeight[];
}

/** A graph loaded by a backend, ready to run. */
export interface Executable {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Runs the graph. `feeds` holds one tensor per input name; returns one tensor per output name.
   * Concurrent calls must be safe (a backend serializes them where its runtime needs it).
   */
  run(feeds: Readonly<Record<string, Tensor<DataType>>>): Promise<Record<string, Tensor<DataType>>>;
  /** Frees the runtime's resources. Further `run` calls reject. */
  dispose(): Promise<void>;
}

/**
 * The contract a backend package implements (in the spirit of onnxruntime's js/common `Backend`):
 * initialize once, then turn graph descriptions into executables.
 */
export interface Backend {
  /** Registry name, e.g. `"node"` or `"web"`. */
  readonly name: string;
  /**
   * Whether `createExecutable` accepts graphs whose large initializers come as
   * {@link GraphDescription.externalData}. Core then skips serializing the weights into the ONNX bytes
   * (a fresh copy of every weight, tens of milliseconds at load for a 10 MB model). @default false
   */
  readonly externalWeights?: boolean;
  /** Prepares the runtime. Called once by the registry (lazily) before the first `createExecutable`. */
  init(): Promise<void>;
  /** Loads `graph` into the runtime. */
  createExecutable(params: { graph: GraphDescription }): Promise<Executable>;
}
