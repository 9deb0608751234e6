/**
 * A backend without a runtime, so core's model API can be tested in core: it decodes the ONNX graph core
 * hands it and interprets its float operators with the plain loops of onnx-ops.ts. Quantized graphs
 * (QLinearConv, QuantizeLinear...) are refused with a BackendError naming the operator.
 */
import type { Backend, DataType, Executable, GraphDescription } from "@mobilenetv1/core";
import { BackendError, Tensor } from "@mobilenetv1/core";
import onnxProto from "onnx-proto";
import {
  type Attributes,
  averagePool,
  batchNorm,
  conv,
  flatten,
  gemm,
  map,
  type Value,
  zip,
} from "./onnx-ops.js";

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;
type TensorProto = onnxProto.onnx.ITensorProto;

/** What a fake backend did, for tests that check the model API's backend traffic. */
export interface FakeBackendCalls {
  init: number;
  createExecutable: number;
  run: number;
  dispose: number;
  /** The label of every graph handed to `createExecutable`, in order. */
  labels: string[];
}

/** A {@link Backend} that interprets core's graphs in plain TypeScript, with a record of its calls. */
export interface FakeBackend extends Backend {
  readonly calls: FakeBackendCalls;
}

/**
 * Creates a fake backend (not registered: pass it as `backend`, or register it yourself).
 *
 * @param params.name Registry name. @default "fake"
 * @param params.externalWeights Whether it takes large weights as {@link GraphDescription.externalData}.
 *   @default false
 * @param params.initError When set, `init()` rejects with it (for registry fallback tests).
 * @example
 * const backend = createFakeBackend();
 * const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend });
 * backend.calls.createExecutable // 0 (graphs are built on the first forward)
 */
export function createFakeBackend(
  params: { name?: string; externalWeights?: boolean; initError?: Error } = {},
): FakeBackend {
  const calls: FakeBackendCalls = { init: 0, createExecutable: 0, run: 0, dispose: 0, labels: [] };
  return {
    name: params.name ?? "fake",
    externalWeights: params.externalWeights ?? false,
    calls,
    async init() {
      calls.init++;
      if (params.initError) throw params.initError;
    },
    async createExecutable({ graph }) {
      calls.createExecutable++;
      calls.labels.push(graph.label);
      return interpreter({ graph, calls });
    },
  };
}

function interpreter(params: { graph: GraphDescription; calls: FakeBackendCalls }): Executable {
  const { graph, calls } = params;
  const model = onnx.ModelProto.decode(graph.onnx);
  const nodes = model.graph?.node ?? [];
  const external = new Map((graph.externalData ?? []).map((e) => [e.path, e.data]));
  const initializers = new Map<string, Value>();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataType === onnx.TensorProto.DataType.FLOAT)
      initializers.set(t.name ?? "", floatTensor(t, external));
  }
  const unsupported = nodes.find((n) => !((n.opType ?? "") in OPS));
  if (unsupported)
    throw new BackendError({ message: `fake backend: operator ${unsupported.opType} is not supported` });
  let disposed = false;
  return {
    inputNames: graph.inputNames,
    outputNames: graph.outputNames,
    async run(feeds: Readonly<Record<string, Tensor<DataType>>>) {
      if (disposed) throw new BackendError({ message: `fake backend: ${graph.label} was disposed` });
      calls.run++;
      const values = new Map(initializers);
      for (const name of graph.inputNames) {
        const feed = feeds[name];
        if (feed?.dtype !== "float32")
          throw new BackendError({ message: `fake backend: input ${name} must be a float32 tensor` });
        values.set(name, { dims: [...feed.dims], data: feed.data as Float32Array });
      }
      for (const node of nodes) evaluate(node, values);
      const out: Record<string, Tensor<DataType>> = {};
      for (const name of graph.outputNames) {
        const v = values.get(name);
        if (!v) throw new BackendError({ message: `fake backend: the graph never computes ${name}` });
        out[name] = new Tensor({ dims: v.dims, data: Float32Array.from(v.data) });
      }
      return out;
    },
    async dispose() {
      if (!disposed) calls.dispose++;
      disposed = true;
    },
  };
}

type Op = (inputs: (Value | undefined)[], attrs: Attributes) => Value;

const OPS: Record<string, Op> = {
  Conv: ([x, w, b], a) => conv(x!, w!, b, a),
  BatchNormalization: ([x, s, b, m, v], a) => batchNorm(x!, s!, b!, m!, v!, a),
  AveragePool: ([x], a) => averagePool(x!, a),
  GlobalAveragePool: ([x]) => averagePool(x!, "global"),
  Flatten: ([x], a) => flatten(x!, a),
  Gemm: ([a, b, c], at) => gemm(a!, b!, c, at),
  Identity: ([x]) => x!,
  Relu: ([x]) => map(x!, (v) => Math.max(v, 0)),
  Clip: ([x, lo, hi]) =>
    map(x!, (v) => Math.min(Math.max(v, lo?.data[0] ?? -Infinity), hi?.data[0] ?? Infinity)),
  Sigmoid: ([x]) => map(x!, (v) => 1 / (1 + Math.exp(-v))),
  Tanh: ([x]) => map(x!, Math.tanh),
  Add: ([a, b]) => zip(a!, b!, (x, y) => x + y),
  Mul: ([a, b]) => zip(a!, b!, (x, y) => x * y),
  Div: ([a, b]) => zip(a!, b!, (x, y) => x / y),
};

function evaluate(node: NodeProto, values: Map<string, Value>): void {
  const names = node.input ?? [];
  const inputs = names.map((name) => (name === "" ? undefined : values.get(name)));
  const missing = names.find((name, i) => name !== "" && !inputs[i]);
  if (missing !== undefined)
    throw new BackendError({
      message: `fake backend: ${node.opType} reads ${missing}, which is not computed`,
    });
  const attrs: Attributes = {};
  for (const a of node.attribute ?? []) {
    const name = a.name ?? "";
    if (a.type === onnx.AttributeProto.AttributeType.INT) attrs[name] = Number(a.i);
    else if (a.type === onnx.AttributeProto.AttributeType.INTS) attrs[name] = (a.ints ?? []).map(Number);
    else if (a.type === onnx.AttributeProto.AttributeType.FLOAT) attrs[name] = a.f ?? 0;
    else if (a.type === onnx.AttributeProto.AttributeType.STRING)
      attrs[name] = new TextDecoder().decode(a.s ?? new Uint8Array());
  }
  values.set(node.output?.[0] ?? "", OPS[node.opType ?? ""]!(inputs, attrs));
}

/** A FLOAT initializer's values: inline raw bytes, `float_data`, or external bytes by `location`. */
function floatTensor(t: TensorProto, external: Map<string, Uint8Array>): Value {
  const dims = (t.dims ?? []).map(Number);
  const location = t.externalData?.find((e) => e.key === "location")?.value ?? undefined;
  const raw = location === undefined ? (t.rawData ?? new Uint8Array()) : external.get(location);
  if (raw === undefined) throw new BackendError({ message: `fake backend: no external data for ${t.name}` });
  if (raw.length === 0) return { dims, data: Float32Array.from(t.floatData ?? []) };
  // An aligned copy (protobufjs hands out Node Buffers, whose slice() is a view into a shared pool);
  // little-endian like every machine the tests run on.
  const bytes = new Uint8Array(raw);
  return { dims, data: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4) };
}
