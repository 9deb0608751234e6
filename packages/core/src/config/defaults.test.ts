import { describe, expect, it } from "vitest";
import { GRAPH_ACTIVATIONS } from "../graph/activation.js";
import { MobileNetV1Config } from "./config.js";
import {
  defaultId2label,
  MOBILENET_V1_CONFIG_DEFAULTS,
  MOBILENET_V1_MODEL_TYPE,
  PROBLEM_TYPES,
  SUPPORTED_HIDDEN_ACTS,
} from "./defaults.js";

// Reference: transformers configuration_mobilenet_v1.py MobileNetV1Config.__init__ defaults, and
// configuration_utils.py PretrainedConfig (num_labels 2 -> LABEL_0/LABEL_1, problem_type None,
// output_hidden_states False).
describe("MOBILENET_V1_CONFIG_DEFAULTS equal HF's", () => {
  it("has HF's MobileNetV1Config defaults", () => {
    expect(MOBILENET_V1_CONFIG_DEFAULTS).toEqual({
      numChannels: 3,
      imageSize: 224,
      depthMultiplier: 1.0,
      minDepth: 8,
      hiddenAct: "relu6",
      tfPadding: true,
      classifierDropoutProb: 0.999,
      initializerRange: 0.02,
      layerNormEps: 0.001,
      numLabels: 2,
      problemType: null,
      outputHiddenStates: false,
      architectures: null,
      torchDtype: null,
      transformersVersion: null,
    });
    expect(Object.isFrozen(MOBILENET_V1_CONFIG_DEFAULTS)).toBe(true);
    expect(MOBILENET_V1_MODEL_TYPE).toBe("mobilenet_v1");
    expect(PROBLEM_TYPES).toEqual([
      "regression",
      "single_label_classification",
      "multi_label_classification",
    ]);
  });

  it("a default-constructed config uses exactly those defaults", () => {
    const c = new MobileNetV1Config();
    const { numLabels, ...rest } = MOBILENET_V1_CONFIG_DEFAULTS;
    for (const [key, value] of Object.entries(rest)) {
      expect(c[key as keyof typeof rest], key).toEqual(value);
    }
    expect(c.numLabels).toBe(numLabels);
    expect(c.id2label).toEqual({ 0: "LABEL_0", 1: "LABEL_1" });
    expect(c.label2id).toEqual({ LABEL_0: 0, LABEL_1: 1 });
    expect(c.extra).toEqual({});
  });

  it("writes what HF's MobileNetV1Config().to_json_string() diff writes", () => {
    // PretrainedConfig fields at their defaults (labels, problem_type, ...) are left out, like to_diff_dict.
    expect(new MobileNetV1Config().toJSONText()).toBe(
      [
        "{",
        '  "classifier_dropout_prob": 0.999,',
        '  "depth_multiplier": 1.0,',
        '  "hidden_act": "relu6",',
        '  "image_size": 224,',
        '  "initializer_range": 0.02,',
        '  "layer_norm_eps": 0.001,',
        '  "min_depth": 8,',
        '  "model_type": "mobilenet_v1",',
        '  "num_channels": 3,',
        '  "tf_padding": true',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("defaultId2label names labels LABEL_i", () => {
    expect(defaultId2label({ numLabels: 3 })).toEqual({ 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2" });
    expect(defaultId2label({ numLabels: 0 })).toEqual({});
  });

  it("SUPPORTED_HIDDEN_ACTS is exactly what the ONNX graph builder emits", () => {
    expect([...SUPPORTED_HIDDEN_ACTS].sort()).toEqual([...GRAPH_ACTIVATIONS].sort());
  });
});
