import { describe, expect, it } from "vitest";
import { CheckpointNameError, ConfigError } from "../errors/errors.js";
import { configFromCheckpointName } from "./checkpoint-name.js";
import { IMAGENET_1K_LABELS } from "./imagenet-labels.js";

function checkpointError(name: string): CheckpointNameError {
  try {
    configFromCheckpointName({ name });
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointNameError);
    return e as CheckpointNameError;
  }
  throw new Error(`expected a CheckpointNameError for ${name}`);
}

// Reference: transformers models/mobilenet_v1/convert_original_tf_checkpoint_to_pytorch.py,
// get_mobilenet_v1_config: regex ^mobilenet_v1_([^_]*)_([^_]*)$, float(depth), int(size), 1001 labels.
describe("configFromCheckpointName", () => {
  const slim = ["0.25", "0.5", "0.75", "1.0"].flatMap((d) => ["128", "160", "192", "224"].map((s) => [d, s]));
  const variants = [...slim, ["1.4", "224"]] as [string, string][];
  const names = variants.flatMap(([d, s]) => [
    [`mobilenet_v1_${d}_${s}`, Number(d), Number(s)],
    [`google/mobilenet_v1_${d}_${s}`, Number(d), Number(s)],
  ]) as [string, number, number][];

  it("covers the 16 TF-slim variants plus 1.4_224, with and without google/", () => {
    expect(names).toHaveLength(34);
  });

  it.each(names)("%s", (name, depth, size) => {
    const c = configFromCheckpointName({ name });
    expect(c.depthMultiplier).toBe(depth);
    expect(c.imageSize).toBe(size);
    expect(c.numLabels).toBe(1001);
    expect(c.layerNormEps).toBe(0.001);
    expect(c.hiddenAct).toBe("relu6");
    expect(c.tfPadding).toBe(true);
    expect(c.architectures).toEqual(["MobileNetV1ForImageClassification"]);
  });

  it("builds 1001 labels: background, then ImageNet-1k shifted by one; label2id keeps the later crane", () => {
    const c = configFromCheckpointName({ name: "mobilenet_v1_1.0_224" });
    expect(c.id2label[0]).toBe("background");
    expect(c.id2label[1]).toBe("tench, Tinca tinca");
    expect(c.id2label[1000]).toBe("toilet tissue, toilet paper, bathroom tissue");
    expect(c.id2label[135]).toBe("crane");
    expect(c.id2label[518]).toBe("crane");
    expect(c.label2id["crane"]).toBe(518);
    expect(c.label2id["background"]).toBe(0);
    expect(Object.keys(c.label2id)).toHaveLength(1000);
    expect(IMAGENET_1K_LABELS).toHaveLength(1000);
  });

  it("accepts any size and other organizations", () => {
    expect(configFromCheckpointName({ name: "me/mobilenet_v1_0.35_96" }).imageSize).toBe(96);
    expect(configFromCheckpointName({ name: "mobilenet_v1_2_512" }).depthMultiplier).toBe(2);
  });

  it("refuses quantized checkpoints and suggests the float one", () => {
    for (const name of ["mobilenet_v1_1.0_224_quant", "google/mobilenet_v1_0.5_160_quant"]) {
      const e = checkpointError(name);
      expect(e.reason).toBe("quantized-unsupported");
      expect(e.code).toBe("CHECKPOINT_QUANTIZED");
      expect(e.checkpointName).toBe(name);
      expect(e.message).toMatch(/quantized checkpoints are not supported \(yet\)/);
      expect(e.message).toContain(JSON.stringify(name.replace("_quant", "")));
    }
  });

  it.each([
    "mobilenet_v2_1.0_224",
    "mobilenet_v1_1.0",
    "mobilenet_v1_a_224",
    "mobilenet_v1_1.0_224x",
    "mobilenet_v1_1.0_224/extra",
    "google/mobilenet_v1_1.0_224.onnx",
    "",
  ])("refuses %j as unparseable, showing the pattern", (name) => {
    const e = checkpointError(name);
    expect(e.reason).toBe("unparseable");
    expect(e.code).toBe("CHECKPOINT_NAME");
    expect(e.message).toContain("mobilenet_v1_{depth}_{size}");
  });

  it("numbers that parse but are invalid are ConfigErrors", () => {
    expect(() => configFromCheckpointName({ name: "mobilenet_v1_0_224" })).toThrow(ConfigError);
    expect(() => configFromCheckpointName({ name: "mobilenet_v1_1.0_0" })).toThrow(ConfigError);
  });
});
