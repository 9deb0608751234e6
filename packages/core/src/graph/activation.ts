import { ConfigError } from "../errors/errors.js";
import type { OnnxGraphWriter } from "./onnx-writer.js";

/**
 * Emits HF's ACT2FN[hidden_act] as ONNX nodes. ReLU6 becomes Clip(0, 6), which onnxruntime fuses into
 * the preceding convolution.
 */
export function emitActivation(params: {
  writer: OnnxGraphWriter;
  input: string;
  act: string;
  output?: string;
}): string {
  const { writer: w, input, output } = params;
  switch (params.act) {
    case "relu6":
      return w.node({ op: "Clip", inputs: [input, w.scalar(0), w.scalar(6)], output });
    case "relu":
      return w.node({ op: "Relu", inputs: [input], output });
    case "sigmoid":
      return w.node({ op: "Sigmoid", inputs: [input], output });
    case "tanh":
      return w.node({ op: "Tanh", inputs: [input], output });
    case "silu":
    case "swish": {
      const s = w.node({ op: "Sigmoid", inputs: [input] });
      return w.node({ op: "Mul", inputs: [input, s], output });
    }
    case "gelu": {
      // HF's "gelu" is the exact erf form: 0.5·x·(1 + erf(x/√2)).
      const scaled = w.node({ op: "Div", inputs: [input, w.scalar(Math.SQRT2)] });
      const erf = w.node({ op: "Erf", inputs: [scaled] });
      const onePlus = w.node({ op: "Add", inputs: [erf, w.scalar(1)] });
      const half = w.node({ op: "Mul", inputs: [input, w.scalar(0.5)] });
      return w.node({ op: "Mul", inputs: [half, onePlus], output });
    }
    default:
      throw new ConfigError({
        field: "hidden_act",
        value: params.act,
        expected: `one of ${JSON.stringify(GRAPH_ACTIVATIONS)}`,
      });
  }
}

/** hidden_act values the graph builder can express. */
export const GRAPH_ACTIVATIONS = ["relu6", "relu", "sigmoid", "tanh", "silu", "swish", "gelu"] as const;
