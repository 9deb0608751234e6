import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { MobileNetV1Config } from "../config/config.js";
import { randomInitWeights } from "../model/random-init.js";
import { buildGraph } from "./build-graph.js";
import { OnnxGraphWriter } from "./onnx-writer.js";

const { onnx } = onnxProto;

describe("buildGraph({ externalWeights: true })", () => {
  const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 10 });
  const weights = randomInitWeights({ config, withClassifier: true, seed: 3 });
  const get = (k: string) => weights.get(k)!;
  const inline = buildGraph({ config, weights: get, outputs: ["logits"] });
  const external = buildGraph({ config, weights: get, outputs: ["logits"], externalWeights: true });

  it("leaves the default (inline) graph without external data", () => {
    expect(inline.externalData).toBeUndefined();
  });

  it("hands the large weights over as views of the caller's arrays, not copies", () => {
    const arrays = new Set([...weights.values()].map((w) => w.buffer));
    expect(external.externalData!.length).toBeGreaterThan(20);
    for (const { data } of external.externalData!) {
      expect(arrays.has(data.buffer as ArrayBuffer)).toBe(true);
      expect(data.byteLength).toBeGreaterThanOrEqual(OnnxGraphWriter.EXTERNAL_MIN_BYTES);
    }
    const externalBytes = external.externalData!.reduce((n, e) => n + e.data.byteLength, 0);
    expect(external.onnx.byteLength + externalBytes).toBeGreaterThan(inline.onnx.byteLength - 1024);
    expect(external.onnx.byteLength).toBeLessThan(inline.onnx.byteLength - externalBytes + 64 * 1024);
  });

  it("describes the same tensors: each external initializer names its bytes, whose content equals the inline raw data", () => {
    const graph = (bytes: Uint8Array) =>
      onnx.ModelProto.decode(bytes).graph as InstanceType<typeof onnx.GraphProto>;
    const a = graph(inline.onnx);
    const b = graph(external.onnx);
    const raw = (t: { rawData?: Uint8Array | null }) => Buffer.from(t.rawData ?? new Uint8Array(0));
    expect(b.node.map((n) => n.opType)).toEqual(a.node.map((n) => n.opType));
    const files = new Map(external.externalData!.map((e) => [e.path, e.data]));
    expect(b.initializer.map((t) => t.name)).toEqual(a.initializer.map((t) => t.name));
    b.initializer.forEach((t, i) => {
      const want = a.initializer[i]!;
      expect((t.dims ?? []).map(Number)).toEqual((want.dims ?? []).map(Number));
      if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) {
        expect(raw(t).equals(raw(want))).toBe(true);
        return;
      }
      const kv = Object.fromEntries((t.externalData ?? []).map((e) => [e.key, e.value]));
      const data = files.get(kv["location"]!)!;
      expect(kv["offset"]).toBe("0");
      expect(Number(kv["length"])).toBe(data.byteLength);
      expect(raw(t).length).toBe(0);
      expect(Buffer.from(data).equals(raw(want))).toBe(true);
    });
  });
});
