import onnxProto from "onnx-proto";
import type { ExternalWeight } from "../backend/backend.js";
import { littleEndianBytes } from "../weights/element-decoding.js";

const { onnx } = onnxProto;

/** Opset of every graph core writes. 13 has Clip with min/max inputs and Gemm/Conv/BN as needed. */
export const ONNX_OPSET = 13;

/** An int, ints, a string, or `{ float }` for FLOAT attributes whose value may happen to be integral. */
type AttributeValue = number | readonly number[] | string | { readonly float: number };

/**
 * A tiny imperative builder over onnx-proto's generated classes, so graph code reads as a list of
 * operators rather than protobuf plumbing.
 */
export class OnnxGraphWriter {
  /** Float32 initializers this large or larger go to {@link externalData} when external weights are on. */
  static readonly EXTERNAL_MIN_BYTES = 1024;
  /** Initializers written as external data (empty unless the writer was made with `externalWeights`). */
  readonly externalData: ExternalWeight[] = [];
  private readonly externalWeights: boolean;
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  /**
   * @param params.externalWeights Keep large float32 initializers out of the serialized bytes: each
   *   refers to its own in-memory "file" in {@link externalData} (a view of the caller's array, no copy).
   *   @default false
   */
  constructor(params: { externalWeights?: boolean } = {}) {
    this.externalWeights = params.externalWeights === true;
  }

  /** Declares a float32 graph input; a string dim is symbolic (dynamic). */
  input(name: string, dims: readonly (number | string)[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  /** Declares a float32 graph output. */
  output(name: string, dims: readonly (number | string)[]): void {
    this.outputs.push(valueInfo(name, dims));
  }

  /** Adds a float32 initializer (weights are stored inline as little-endian raw data). */
  initializer(name: string, dims: readonly number[], data: Float32Array): string {
    const raw = littleEndianBytes(data) as Uint8Array;
    if (this.externalWeights && raw.byteLength >= OnnxGraphWriter.EXTERNAL_MIN_BYTES) {
      const path = `weights/${this.externalData.length}`;
      this.externalData.push({ path, data: raw });
      this.initializers.push(
        onnx.TensorProto.create({
          name,
          dims: [...dims],
          dataType: onnx.TensorProto.DataType.FLOAT,
          dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
          externalData: [
            { key: "location", value: path },
            { key: "offset", value: "0" },
            { key: "length", value: String(raw.byteLength) },
          ],
        }),
      );
      return name;
    }
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [...dims],
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: raw,
      }),
    );
    return name;
  }

  /**
   * Adds an initializer of any element type core's quantized graphs use (float32, uint8, int8, int32),
   * stored inline as little-endian raw data.
   */
  typedInitializer(
    name: string,
    dims: readonly number[],
    data: Float32Array | Uint8Array | Int8Array | Int32Array,
  ): string {
    const T = onnx.TensorProto.DataType;
    const dataType =
      data instanceof Float32Array
        ? T.FLOAT
        : data instanceof Uint8Array
          ? T.UINT8
          : data instanceof Int8Array
            ? T.INT8
            : T.INT32;
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims: [...dims], dataType, rawData: raw }));
    return name;
  }

  /** A scalar float constant, shared by every node that asks for the same value. */
  scalar(value: number): string {
    const key = String(value);
    let name = this.constants.get(key);
    if (!name) {
      name = `const_${this.constants.size}`;
      this.initializer(name, [], new Float32Array([value]));
      this.constants.set(key, name);
    }
    return name;
  }

  /** Appends a node; returns its first output's name (`output` or a fresh one). */
  node(params: {
    op: string;
    inputs: readonly string[];
    output?: string;
    attributes?: Readonly<Record<string, AttributeValue>>;
  }): string {
    const output = params.output ?? `${params.op.toLowerCase()}_${this.counter++}`;
    const attribute = Object.entries(params.attributes ?? {}).map(([name, value]) =>
      attributeProto(name, value),
    );
    this.nodes.push(
      onnx.NodeProto.create({
        opType: params.op,
        input: [...params.inputs],
        output: [output],
        name: output,
        attribute,
      }),
    );
    return output;
  }

  /** Serializes a ModelProto. */
  finish(params: { graphName: string; docString?: string }): Uint8Array {
    const graph = onnx.GraphProto.create({
      name: params.graphName,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    });
    const model = onnx.ModelProto.create({
      irVersion: 7,
      producerName: "@mobilenetv1/core",
      docString: params.docString ?? "",
      opsetImport: [{ domain: "", version: ONNX_OPSET }],
      graph,
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, dims: readonly (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function attributeProto(name: string, value: AttributeValue) {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === "string")
    return onnx.AttributeProto.create({ name, type: A.STRING, s: new TextEncoder().encode(value) });
  if (typeof value === "object" && "float" in value)
    return onnx.AttributeProto.create({ name, type: A.FLOAT, f: value.float });
  if (typeof value === "number") {
    return Number.isInteger(value)
      ? onnx.AttributeProto.create({ name, type: A.INT, i: value })
      : onnx.AttributeProto.create({ name, type: A.FLOAT, f: value });
  }
  return onnx.AttributeProto.create({ name, type: A.INTS, ints: [...value] });
}

/**
 * Adds `metadata_props` entries to a serialized ModelProto. Protobuf merges concatenated messages
 * (repeated fields append), so the graph's bytes are kept as they are and the entries follow them.
 */
export function appendModelMetadata(params: {
  onnx: Uint8Array;
  metadata: Readonly<Record<string, string>>;
}): Uint8Array {
  const metadataProps = Object.entries(params.metadata).map(([key, value]) =>
    onnx.StringStringEntryProto.create({ key, value }),
  );
  const tail = onnx.ModelProto.encode(onnx.ModelProto.create({ metadataProps })).finish();
  const out = new Uint8Array(params.onnx.length + tail.length);
  out.set(params.onnx);
  out.set(tail, params.onnx.length);
  return out;
}
