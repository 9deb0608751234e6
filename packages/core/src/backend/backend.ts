import type { DataType, Tensor } from "../tensor.js";

/**
 * What core hands a backend to execute: a self-contained ONNX model (weights as initializers) with
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
  /** Prepares the runtime. Called once by the registry (lazily) before the first `createExecutable`. */
  init(): Promise<void>;
  /** Loads `graph` into the runtime. */
  createExecutable(params: { graph: GraphDescription }): Promise<Executable>;
}
