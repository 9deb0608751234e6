import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/backend.js";
import { MobileNetV1Config } from "../config/config.js";
import { buildGraph } from "../graph/build-graph.js";
import { ONNX_OPSET } from "../graph/onnx-writer.js";
import { exportOnnx } from "./export-onnx.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import { MobileNetV1Model } from "./mobilenet-v1-model.js";

const { onnx } = onnxProto;
// Exporting needs no runtime: a backend that is never asked to run anything.
const noBackend: Backend = {
  name: "none",
  init: async () => {},
  createExecutable: async () => Promise.reject(new Error("not used")),
};
const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 4, imageSize: 192 });

describe("exportOnnx", () => {
  it("states opset, IR version, graph options; input and outputs are named with dynamic batch and size", async () => {
    const model = await MobileNetV1ForImageClassification.fromConfig({
      config,
      backend: noBackend,
      outputStride: 16,
    });
    const proto = onnx.ModelProto.decode(exportOnnx({ model }));
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", ONNX_OPSET]]);
    expect(Number(proto.irVersion)).toBe(7);
    expect(Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]))).toEqual({
      opset: "13",
      output_stride: "16",
      pooling_head: "global",
      depth_multiplier: "0.25",
    });
    const dims = (v: onnxProto.onnx.IValueInfoProto) =>
      v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(proto.graph!.input!.map((i) => [i.name, dims(i)])).toEqual([
      ["pixel_values", ["batch_size", 3, "height", "width"]],
    ]);
    expect(proto.graph!.output!.map((o) => [o.name, dims(o)])).toEqual([["logits", ["batch_size", 4]]]);
  });

  it("is the SDK's own graph: the bytes before the appended metadata are buildGraph's", async () => {
    const model = await MobileNetV1Model.fromConfig({ config, backend: noBackend });
    const bytes = exportOnnx({ model });
    const graph = buildGraph({
      config,
      weights: (k) => model.weights.get(k)!,
      outputs: ["last_hidden_state", "pooler_output"],
    }).onnx;
    expect(Buffer.from(bytes.subarray(0, graph.length)).equals(Buffer.from(graph))).toBe(true);
    expect(onnx.ModelProto.decode(bytes).graph!.output!.map((o) => o.name)).toEqual([
      "last_hidden_state",
      "pooler_output",
    ]);
  });
});
