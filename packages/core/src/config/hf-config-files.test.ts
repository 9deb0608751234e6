import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { configFromCheckpointName } from "./checkpoint-name.js";
import { MobileNetV1Config } from "./config.js";

// Real config.json files from ../shared/hf (see each folder's PROVENANCE.md). MOBILENET_SHARED_DIR overrides
// the location. Missing folder: skipped locally, failed in CI.
const hfDir = join(sharedDir(), "hf");
const available = existsSync(hfDir);
const configFiles = available
  ? readdirSync(hfDir)
      .filter((d) => existsSync(join(hfDir, d, "config.json")))
      .sort()
  : [];

it("shared data folder is present (required when CI=true)", () => {
  if (!available && process.env["CI"] === "true") expect.fail(`${hfDir} not found: set MOBILENET_SHARED_DIR`);
});

describe.skipIf(!available)("real HF config.json files", () => {
  it("finds the three shared checkpoints", () => {
    expect(configFiles).toEqual([
      "keras_mobilenet_v1_0.25_224",
      "keras_mobilenet_v1_0.75_224",
      "tfslim_mobilenet_v1_0.25_224",
    ]);
  });

  it.each(configFiles)("%s round-trips: object deep-equal, text byte-identical", (dir) => {
    const file = join(hfDir, dir, "config.json");
    const text = readFileSync(file, "utf8");
    const config = MobileNetV1Config.fromJSONText({ text, file });
    expect(config.toJSON()).toEqual(JSON.parse(text));
    expect(config.toJSONText()).toBe(text);
    expect(config.extra).toEqual({});
    expect(config.torchDtype).toBe("float32");
    expect(config.architectures).toEqual(["MobileNetV1ForImageClassification"]);
  });

  it("keras 0.75: 1000 labels, 'crane' twice, label2id keeps the later index (517)", () => {
    const file = join(hfDir, "keras_mobilenet_v1_0.75_224", "config.json");
    const config = MobileNetV1Config.fromJSONText({ text: readFileSync(file, "utf8"), file });
    expect(config.depthMultiplier).toBe(0.75);
    expect(config.numLabels).toBe(1000);
    expect(Object.keys(config.label2id)).toHaveLength(999);
    expect([config.id2label[134], config.id2label[517]]).toEqual(["crane", "crane"]);
    expect(config.label2id["crane"]).toBe(517);
  });

  it("configFromCheckpointName's id2label/label2id equal the tfslim config's exactly", () => {
    const file = join(hfDir, "tfslim_mobilenet_v1_0.25_224", "config.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    const fromName = configFromCheckpointName({ name: "google/mobilenet_v1_1.0_224" });
    expect(Object.keys(json.id2label)).toHaveLength(1001);
    expect(json.id2label["0"]).toBe("background");
    expect(fromName.id2label).toEqual(json.id2label);
    expect(fromName.label2id).toEqual(json.label2id);
    // The same name with the tfslim file's depth gives the file's config apart from HF's dropout default.
    const quarter = configFromCheckpointName({ name: "mobilenet_v1_0.25_224" });
    const { classifier_dropout_prob: _dropout, torch_dtype: _dtype, ...expected } = json;
    const { classifier_dropout_prob: dropout, ...actual } = quarter.toJSON();
    expect(actual).toEqual(expected);
    expect(dropout).toBe(0.999);
  });
});
