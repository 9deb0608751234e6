import onnxProto from "onnx-proto";
import { describe, expect, it } from "vitest";
import { MobileNetV1Config } from "../config/config.js";
import { FileFormatError, InputError, WeightsMismatchError } from "../errors/errors.js";
import { buildGraph } from "../graph/build-graph.js";
import { randomInitWeights } from "../model/random-init.js";
import { Tensor } from "../tensor.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import { int8ParamsFromStateDict, int8QuantizationConfig, int8StateDict } from "./int8-checkpoint.js";
import { int8Safetensors } from "./int8-checkpoint-files.js";
import { buildInt8Graph, DEFAULT_FLOAT_LAYERS } from "./int8-graph.js";
import { quantizeWeights } from "./int8-weights.js";

const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 10 });
const weights = randomInitWeights({ config, withClassifier: true, seed: 3 });
const ranges = { input: { min: -1, max: 1 }, layers: Array.from({ length: 27 }, (_, i) => 2 + (i % 5)) };
const params = quantizeWeights({
  config,
  weights: (k) => weights.get(k)!,
  withClassifier: true,
  ranges,
  calibration: { method: "mse", numImages: 4 },
});

describe("int8 checkpoint", () => {
  it("round-trips through model.safetensors: I8 weights, I32 biases and zero points, F32 scales", () => {
    const bytes = int8Safetensors({ config, params, stripPrefix: false });
    const header = JSON.parse(
      new TextDecoder().decode(
        bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))),
      ),
    );
    expect(header["mobilenet_v1.layer.3.convolution.weight"].dtype).toBe("I8");
    expect(header["mobilenet_v1.layer.3.convolution.bias"].dtype).toBe("I32");
    expect(header["mobilenet_v1.layer.3.convolution.weight_scale"]).toMatchObject({
      dtype: "F32",
      shape: [32],
    });
    expect(header["mobilenet_v1.layer.3.activation.scale"]).toMatchObject({ dtype: "F32", shape: [] });
    expect(header["classifier.weight"]).toMatchObject({ dtype: "I8", shape: [10, 256] });
    const { tensors, metadata } = readSafetensors({ bytes });
    expect(metadata).toEqual({ format: "mobilenetv1-js-int8" }); // HF's loader refuses a format other than pt/tf/flax/mlx
    const back = int8ParamsFromStateDict({
      config,
      stateDict: tensors,
      quantizationConfig: int8QuantizationConfig({ params }),
      withClassifier: true,
    });
    expect(back).toEqual(params);
  });

  it("writes a backbone without the mobilenet_v1. prefix, as HF does, and reads it back", () => {
    const { classifier: _, ...backbone } = params;
    const { tensors, int8 } = int8StateDict({ config, params: backbone, stripPrefix: true });
    expect([...tensors.keys()].every((k) => !k.startsWith("mobilenet_v1."))).toBe(true);
    expect(int8.has("layer.0.convolution.weight")).toBe(true);
    const back = int8ParamsFromStateDict({
      config,
      stateDict: tensors,
      quantizationConfig: int8QuantizationConfig({ params }),
      withClassifier: false,
    });
    expect(back).toEqual(backbone);
  });

  it("names missing or mis-shaped tensors, and refuses a quantization_config it did not write", () => {
    const { tensors } = int8StateDict({ config, params, stripPrefix: false });
    tensors.delete("mobilenet_v1.layer.7.convolution.bias");
    tensors.set("classifier.weight_scale", new Tensor({ dims: [3], data: new Float32Array(3) }));
    const qc = int8QuantizationConfig({ params });
    const error = (() => {
      try {
        int8ParamsFromStateDict({ config, stateDict: tensors, quantizationConfig: qc, withClassifier: true });
      } catch (e) {
        return e as WeightsMismatchError;
      }
    })();
    expect(error).toBeInstanceOf(WeightsMismatchError);
    expect(error!.missingKeys).toEqual(["mobilenet_v1.layer.7.convolution.bias"]);
    expect(error!.mismatchedKeys.map((m) => m.key)).toEqual(["classifier.weight_scale"]);
    expect(() =>
      int8ParamsFromStateDict({
        config,
        stateDict: tensors,
        quantizationConfig: { ...qc, quant_method: "gptq" },
        withClassifier: true,
      }),
    ).toThrow(FileFormatError);
  });

  it("refuses to store as I8 a tensor outside int8's range", () => {
    const tensors = new Map([["w", new Tensor({ dims: [2], data: Int32Array.of(1, 200), dtype: "int32" })]]);
    expect(() => writeSafetensors({ tensors, int8: new Set(["w"]) })).toThrow(InputError);
  });
});

describe("buildInt8Graph", () => {
  const { onnx } = onnxProto;
  const decode = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes).graph!;

  it("runs the leading layers in float, then one QLinearConv per layer with int8 weights", () => {
    const graph = decode(buildInt8Graph({ config, params, outputs: ["logits"] }).onnx);
    const ops = graph.node!.map((n) => n.opType);
    expect(ops.filter((o) => o === "QLinearConv")).toHaveLength(27 - DEFAULT_FLOAT_LAYERS);
    expect(ops.filter((o) => o === "Conv")).toHaveLength(DEFAULT_FLOAT_LAYERS);
    expect(ops.filter((o) => o === "QuantizeLinear")).toHaveLength(1);
    expect(ops.slice(-4)).toEqual(["DequantizeLinear", "GlobalAveragePool", "Flatten", "Gemm"]);
    const int8Weights = graph.initializer!.filter(
      (t) => t.dataType === onnx.TensorProto.DataType.INT8 && t.dims!.length === 4,
    );
    expect(int8Weights).toHaveLength(27 - DEFAULT_FLOAT_LAYERS);
  });

  it("writes the QDQ form on request, and by default for int8 activations", () => {
    const qdq = decode(
      buildInt8Graph({ config, params, outputs: ["logits"], format: "qdq", floatLayers: 0 }).onnx,
    );
    expect(qdq.node!.filter((n) => n.opType === "Conv")).toHaveLength(27);
    expect(qdq.node!.some((n) => n.opType === "QLinearConv")).toBe(false);
    const s8 = { ...params, activationDtype: "int8" as const };
    expect(
      decode(buildInt8Graph({ config, params: s8, outputs: ["logits"] }).onnx).node!.some(
        (n) => n.opType === "QLinearConv",
      ),
    ).toBe(false);
  });

  it("declares the float graph's outputs, in its order, for every output set and graph option", () => {
    const cases = [
      { outputs: ["logits", "hidden_states"] as const },
      { outputs: ["last_hidden_state", "pooler_output"] as const, options: { outputStride: 16 as const } },
      {
        outputs: ["logits"] as const,
        options: { poolingHead: "tf-slim-avgpool" as const },
        inputSize: { height: 160, width: 160 },
      },
      { outputs: [] as const, featureLayers: ["Conv2d_0", 1, 9] },
    ];
    for (const c of cases) {
      const float = buildGraph({ config, weights: (k) => weights.get(k)!, ...c });
      expect(buildInt8Graph({ config, params, ...c }).outputNames).toEqual(float.outputNames);
    }
  });

  it("refuses an activation the output range cannot absorb", () => {
    expect(() =>
      buildInt8Graph({ config: config.with({ hiddenAct: "gelu" }), params, outputs: ["logits"] }),
    ).toThrow(InputError);
  });
});
