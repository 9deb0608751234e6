import type { GraphDescription } from "@mobilenetv1/core";
import { OnnxGraphWriter } from "@mobilenetv1/core/graph";

let cached: GraphDescription | undefined;

/**
 * A one-node graph (`Identity` on float32[1]) that device selection loads to find out whether a device
 * really starts: onnxruntime-web has no way to initialize a device without creating a session.
 *
 * @example
 * probeGraph().outputNames // ["y"]
 */
export function probeGraph(): GraphDescription {
  if (!cached) {
    const writer = new OnnxGraphWriter();
    const x = writer.input("x", [1]);
    writer.node({ op: "Identity", inputs: [x], output: "y" });
    writer.output("y", [1]);
    cached = {
      onnx: writer.finish({ graphName: "device_probe" }),
      inputNames: ["x"],
      outputNames: ["y"],
      label: "device probe",
    };
  }
  return cached;
}
