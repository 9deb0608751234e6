import { describe, expect, it } from "vitest";
import { ConfigError, FileFormatError } from "../errors/errors.js";
import { MobileNetV1Config, type MobileNetV1ConfigParams } from "./config.js";

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("MobileNetV1Config validation", () => {
  const cases: [string, MobileNetV1ConfigParams, string, unknown][] = [
    ["depth_multiplier 0 (HF raises too)", { depthMultiplier: 0 }, "depth_multiplier", 0],
    ["depth_multiplier < 0", { depthMultiplier: -0.5 }, "depth_multiplier", -0.5],
    ["depth_multiplier NaN", { depthMultiplier: Number.NaN }, "depth_multiplier", Number.NaN],
    [
      "depth_multiplier Infinity",
      { depthMultiplier: Number.POSITIVE_INFINITY },
      "depth_multiplier",
      Infinity,
    ],
    ["num_channels 0", { numChannels: 0 }, "num_channels", 0],
    ["num_channels 2.5", { numChannels: 2.5 }, "num_channels", 2.5],
    ["image_size -224", { imageSize: -224 }, "image_size", -224],
    ["image_size as string", { imageSize: "224" as unknown as number }, "image_size", "224"],
    ["min_depth 0", { minDepth: 0 }, "min_depth", 0],
    ["unknown hidden_act", { hiddenAct: "gelu_new" }, "hidden_act", "gelu_new"],
    ["layer_norm_eps 0", { layerNormEps: 0 }, "layer_norm_eps", 0],
    ["layer_norm_eps < 0", { layerNormEps: -1e-3 }, "layer_norm_eps", -1e-3],
    ["dropout > 1", { classifierDropoutProb: 1.5 }, "classifier_dropout_prob", 1.5],
    ["dropout < 0", { classifierDropoutProb: -0.1 }, "classifier_dropout_prob", -0.1],
    ["initializer_range < 0", { initializerRange: -1 }, "initializer_range", -1],
    ["tf_padding not boolean", { tfPadding: "yes" as unknown as boolean }, "tf_padding", "yes"],
    ["num_labels negative", { numLabels: -1 }, "num_labels", -1],
    ["num_labels vs id2label", { id2label: { 0: "a", 1: "b" }, numLabels: 3 }, "num_labels", 3],
    ["id2label key gap", { id2label: { 0: "a", 2: "b" } }, "id2label", "2"],
    ["id2label non-integer key", { id2label: { x: "a" } as Record<number, string> }, "id2label", "x"],
    ["id2label padded key", { id2label: { "00": "a" } as Record<number, string> }, "id2label", "00"],
    [
      "id2label non-string name",
      { id2label: { 0: 5 } as unknown as Record<number, string> },
      "id2label[0]",
      5,
    ],
    ["id2label not an object", { id2label: "a" as unknown as Record<number, string> }, "id2label", "a"],
    ["label2id name mismatch", { id2label: { 0: "a", 1: "b" }, label2id: { a: 1 } }, 'label2id["a"]', 1],
    ["label2id out of range", { id2label: { 0: "a", 1: "b" }, label2id: { b: 2 } }, 'label2id["b"]', 2],
    [
      "label2id string index",
      { id2label: { 0: "a" }, label2id: { a: "0" as unknown as number } },
      'label2id["a"]',
      "0",
    ],
    ["problem_type", { problemType: "ranking" as "regression" }, "problem_type", "ranking"],
    ["architectures not strings", { architectures: [1] as unknown as string[] }, "architectures", [1]],
    ["output_hidden_states", { outputHiddenStates: 1 as unknown as boolean }, "output_hidden_states", 1],
    ["torch_dtype", { torchDtype: 32 as unknown as string }, "torch_dtype", 32],
    ["extra holding a typed field", { extra: { depth_multiplier: 2 } }, "extra.depth_multiplier", 2],
    ["extra holding model_type", { extra: { model_type: "bert" } }, "extra.model_type", "bert"],
  ];
  it.each(cases)("%s", (_name, params, field, value) => {
    const e = configError(() => new MobileNetV1Config(params));
    expect(e.field).toBe(field);
    expect(e.value).toEqual(value);
    expect(e.expected.length).toBeGreaterThan(0);
    expect(e.code).toBe("CONFIG_INVALID");
  });

  it("messages name field, value and expectation", () => {
    expect(configError(() => new MobileNetV1Config({ depthMultiplier: 0 })).message).toBe(
      "config.depth_multiplier = 0 is invalid: expected a number greater than 0 and at most 8",
    );
    expect(configError(() => new MobileNetV1Config({ hiddenAct: "mish" })).message).toMatch(
      /^config\.hidden_act = "mish" is invalid: expected one of "relu6", "relu", .*"gelu"/,
    );
    expect(configError(() => new MobileNetV1Config({ id2label: { 0: "a", 2: "b" } })).message).toBe(
      'config.id2label has key "2": expected keys exactly "0".."1" (one per label, 2 labels)',
    );
  });

  it("rejects a model_type other than mobilenet_v1, naming the file", () => {
    const e = configError(() =>
      MobileNetV1Config.fromJSON({ json: { model_type: "mobilenet_v2" }, file: "c.json" }),
    );
    expect(e.field).toBe("model_type");
    expect(e.value).toBe("mobilenet_v2");
    expect(e.message).toMatch(/^c\.json: config\.model_type = "mobilenet_v2" is invalid/);
    expect(configError(() => MobileNetV1Config.fromJSON({ json: [1] })).field).toBe("(root)");
  });

  it("fromJSONText refuses text that is not JSON with a FileFormatError", () => {
    const run = () => MobileNetV1Config.fromJSONText({ text: "{ not json", file: "config.json" });
    expect(run).toThrow(FileFormatError);
    try {
      run();
    } catch (e) {
      expect((e as FileFormatError).format).toBe("json");
      expect((e as FileFormatError).file).toBe("config.json");
      expect((e as FileFormatError).message).toMatch(/^config\.json: not valid JSON/);
    }
  });
});

describe("MobileNetV1Config labels", () => {
  it("numLabels alone creates LABEL_i like HF", () => {
    const c = new MobileNetV1Config({ numLabels: 3 });
    expect(c.numLabels).toBe(3);
    expect(c.id2label).toEqual({ 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2" });
    expect(c.label2id).toEqual({ LABEL_0: 0, LABEL_1: 1, LABEL_2: 2 });
    expect(new MobileNetV1Config({ numLabels: 0 }).id2label).toEqual({});
  });

  it("accepts duplicate names; derived label2id keeps the later index", () => {
    const c = new MobileNetV1Config({ id2label: { 0: "crane", 1: "heron", 2: "crane" } });
    expect(c.numLabels).toBe(3);
    expect(c.label2id).toEqual({ crane: 2, heron: 1 });
    const explicit = new MobileNetV1Config({ id2label: { 0: "crane", 1: "crane" }, label2id: { crane: 1 } });
    expect(explicit.label2id).toEqual({ crane: 1 });
  });

  it("is immutable", () => {
    const c = new MobileNetV1Config({ numLabels: 2 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.id2label)).toBe(true);
    expect(Object.isFrozen(c.label2id)).toBe(true);
  });
});

describe("MobileNetV1Config JSON", () => {
  it("keeps unknown fields in extra and writes them back; num_labels is implied", () => {
    const json = {
      _name_or_path: "google/mobilenet_v1_1.0_224",
      depth_multiplier: 0.5,
      num_labels: 3,
      problem_type: "single_label_classification",
      output_hidden_states: true,
      transformers_version: "4.46.0",
      custom: { nested: [1, 2] },
    };
    const c = MobileNetV1Config.fromJSON({ json });
    expect(c.extra).toEqual({ _name_or_path: "google/mobilenet_v1_1.0_224", custom: { nested: [1, 2] } });
    expect(c.numLabels).toBe(3);
    const out = c.toJSON();
    expect(out).toMatchObject({
      _name_or_path: "google/mobilenet_v1_1.0_224",
      custom: { nested: [1, 2] },
      depth_multiplier: 0.5,
      id2label: { 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2" },
      label2id: { LABEL_0: 0, LABEL_1: 1, LABEL_2: 2 },
      model_type: "mobilenet_v1",
      output_hidden_states: true,
      problem_type: "single_label_classification",
      transformers_version: "4.46.0",
    });
    expect(out).not.toHaveProperty("num_labels");
    expect(MobileNetV1Config.fromJSON({ json: out }).toJSON()).toEqual(out);
  });

  it("sorts top-level keys like sort_keys=True", () => {
    const keys = Object.keys(new MobileNetV1Config({ extra: { Zeta: 1, _a: 2 } }).toJSON());
    expect(keys).toEqual([...keys].sort());
    expect(keys[0]).toBe("Zeta");
  });
});

describe("MobileNetV1Config.with", () => {
  const base = new MobileNetV1Config({ depthMultiplier: 0.75, id2label: { 0: "cat", 1: "dog" } });

  it("changes only what is given", () => {
    const c = base.with({ imageSize: 192 });
    expect(c.imageSize).toBe(192);
    expect(c.depthMultiplier).toBe(0.75);
    expect(c.id2label).toEqual({ 0: "cat", 1: "dog" });
    expect(base.imageSize).toBe(224);
  });

  it("re-derives label2id when id2label changes, and resets names when numLabels changes", () => {
    expect(base.with({ id2label: { 0: "x" } }).label2id).toEqual({ x: 0 });
    expect(base.with({ numLabels: 3 }).id2label).toEqual({ 0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2" });
    expect(base.with({ numLabels: 2 }).id2label).toEqual({ 0: "cat", 1: "dog" });
  });

  it("validates the result", () => {
    expect(configError(() => base.with({ depthMultiplier: -1 })).field).toBe("depth_multiplier");
  });
});
