import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Backend } from "../backend/backend.js";
import { MobileNetV1Config } from "../config/config.js";
import { writeFolder } from "../io/write-folder-node.js";
import { Tensor } from "../tensor.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import { hfStateDict } from "./hf-state-dict.js";
import { type LoadWarning, loadWarnings } from "./load-warning.js";
import { MobileNetV1Model } from "./mobilenet-v1-model.js";

const noBackend: Backend = {
  name: "none",
  init: async () => {},
  createExecutable: async () => Promise.reject(new Error("not used")),
};
const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 3, imageSize: 64 });
const HEAD = ["classifier.weight", "classifier.bias"];

let tmp: string;
/** Checkpoint folders: the full classifier, its backbone only, and the full one with two stray tensors. */
const dirs = { full: "", baseOnly: "", extra: "", baseOnlyExtra: "" };
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "load-warning-"));
  const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: noBackend, seed: 1 });
  const weights = (k: string) => model.weights.get(k)!;
  const stray = new Tensor({ dims: [2], data: Float32Array.of(1, 2) });
  const variants = {
    full: hfStateDict({ config, weights, withClassifier: true }),
    baseOnly: hfStateDict({ config, weights, withClassifier: false }),
    extra: hfStateDict({ config, weights, withClassifier: true }).set("mobilenet_v1.extra.weight", stray),
    baseOnlyExtra: hfStateDict({ config, weights, withClassifier: false }).set("pooler.scale", stray),
  };
  for (const [name, stateDict] of Object.entries(variants)) {
    const dir = join(tmp, name);
    dirs[name as keyof typeof dirs] = dir;
    await writeFolder({
      dir,
      files: {
        "config.json": new TextEncoder().encode(config.toJSONText()),
        "model.safetensors": writeSafetensors({ tensors: stateDict, metadata: { format: "pt" } }),
      },
    });
  }
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

describe("fromPretrained load warnings", () => {
  it("by default warns once through console.warn when the classifier head is newly initialized", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const model = await MobileNetV1ForImageClassification.fromPretrained(dirs.baseOnly, {
      backend: noBackend,
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(line).not.toContain("\n");
    for (const s of ["MobileNetV1ForImageClassification", ...HEAD, dirs.baseOnly, "newly initialized"]) {
      expect(line).toContain(s);
    }
    expect(model.loadingInfo.missingKeys).toEqual(HEAD);
  });

  it("hands each warning to onWarning instead, as a typed object; nothing reaches console.warn", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cases: [string, LoadWarning["kind"][], string[][]][] = [
      [dirs.baseOnly, ["newly-initialized"], [HEAD]],
      [dirs.extra, ["unexpected-keys"], [["mobilenet_v1.extra.weight"]]],
      [dirs.baseOnlyExtra, ["newly-initialized", "unexpected-keys"], [HEAD, ["mobilenet_v1.pooler.scale"]]],
    ];
    for (const [dir, kinds, keys] of cases) {
      const seen: LoadWarning[] = [];
      await MobileNetV1ForImageClassification.fromPretrained(dir, {
        backend: noBackend,
        onWarning: (w) => seen.push(w),
      });
      expect(seen.map((w) => w.kind)).toEqual(kinds);
      expect(seen.map((w) => w.keys)).toEqual(keys);
      for (const w of seen) {
        expect(w.className).toBe("MobileNetV1ForImageClassification");
        expect(w.location).toBe(dir);
        for (const k of w.keys) expect(w.message).toContain(k);
      }
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("is silent for complete checkpoints: ours, the shared HF ones, and a classifier loaded as a backbone", async (ctx) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const onWarning = vi.fn();
    const shared = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    for (const dir of [dirs.full, shared]) {
      await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: noBackend });
      await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: noBackend, onWarning });
      // HF drops the head silently when a backbone loads a classifier checkpoint; so do we.
      await MobileNetV1Model.fromPretrained(dir, { backend: noBackend, onWarning });
    }
    await MobileNetV1Model.fromPretrained(dirs.baseOnly, { backend: noBackend, onWarning });
    expect(warn).not.toHaveBeenCalled();
    expect(onWarning).not.toHaveBeenCalled();
  });
});

describe("loadWarnings", () => {
  it("names no credentials or query string of a URL-like location", () => {
    const info = { missingKeys: HEAD, unexpectedKeys: ["x.y"], mismatchedKeys: [] };
    const location = "https://bob:hunter2@mirror.example/google/m?token=hf_secret";
    const warnings = loadWarnings({ info, className: "MobileNetV1ForImageClassification", location });
    expect(warnings).toHaveLength(2);
    for (const w of warnings) {
      expect(`${w.message} ${w.location}`).not.toMatch(/hunter2|hf_secret|bob/);
      expect(w.location).toBe("https://mirror.example/google/m");
    }
  });
});
