import { type Backend, MobileNetV1Config, MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { classSlug, trainedModelName, trainedModelZip } from "./teach-export.js";

// Exporting needs no runtime: a backend that is never asked to run anything.
const noBackend: Backend = {
  name: "none",
  init: async () => {},
  createExecutable: async () => Promise.reject(new Error("not used")),
};

describe("trainedModelZip", () => {
  it("holds an HF folder: config.json with the taught labels, model.safetensors, preprocessor_config.json", async () => {
    const config = new MobileNetV1Config({
      depthMultiplier: 0.25,
      numLabels: 2,
      id2label: { 0: "Cat", 1: "Red mug" },
      label2id: { Cat: 0, "Red mug": 1 },
    });
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: noBackend });
    const processor = new MobileNetV1ImageProcessor();
    const date = new Date(2026, 11, 3, 18, 30);
    const folder = trainedModelName({ classNames: ["Cat", "Red mug"], date });
    const entries = unzipSync(trainedModelZip({ model, processor, folder, date }));
    expect(
      Object.keys(entries)
        .filter((n) => !n.endsWith("/"))
        .sort(),
    ).toEqual([`${folder}/config.json`, `${folder}/model.safetensors`, `${folder}/preprocessor_config.json`]);
    const text = (name: string) => new TextDecoder().decode(entries[`${folder}/${name}`]);
    const saved = JSON.parse(text("config.json")) as Record<string, unknown>;
    expect(saved.id2label).toEqual({ 0: "Cat", 1: "Red mug" });
    expect(saved.label2id).toEqual({ Cat: 0, "Red mug": 1 });
    expect(saved.architectures).toEqual(["MobileNetV1ForImageClassification"]);
    expect(text("preprocessor_config.json")).toBe(processor.toConfigText());
    // The weights are the model's own bytes, classifier included.
    expect(entries[`${folder}/model.safetensors`]).toEqual(model.toFiles()["model.safetensors"]);
    const { tensors } = readSafetensors({ bytes: entries[`${folder}/model.safetensors`]! });
    expect(tensors.get("classifier.weight")?.dims).toEqual([2, 256]);
  });

  it("refuses a model that has no float weights to export", () => {
    const int8Like = { toFiles: () => ({ "config.json": new Uint8Array(2) }) };
    const processor = new MobileNetV1ImageProcessor();
    expect(() => trainedModelZip({ model: int8Like, processor, folder: "x" })).toThrow(
      /no model\.safetensors/,
    );
  });
});

describe("trainedModelName", () => {
  const date = new Date(2026, 0, 5);
  it("names the folder after the classes and the day", () => {
    expect(trainedModelName({ classNames: ["Cat", "Dog"], date })).toBe("mobilenet-cat-dog-2026-01-05");
  });
  it("spells out three classes and counts the rest", () => {
    const classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"];
    expect(trainedModelName({ classNames, date })).toBe(
      "mobilenet-t-shirt-top-trouser-pullover-plus2-2026-01-05",
    );
  });
  it("keeps hostile names out of paths: separators, dots, control characters, non-Latin scripts", () => {
    expect(classSlug("../../etc/passwd")).toBe("etc-passwd");
    expect(classSlug(".hidden")).toBe("hidden");
    expect(classSlug("a\u0000b\nc")).toBe("a-b-c");
    expect(classSlug("猫")).toBe("class");
    expect(classSlug("Café crème")).toBe("cafe-creme");
    expect(classSlug("x".repeat(200))).toHaveLength(20);
    const name = trainedModelName({ classNames: ["/", "\\", ".."], date });
    expect(name).toMatch(/^[a-z0-9-]+$/);
  });
});
