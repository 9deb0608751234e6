import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/backend.js";
import { MODEL_FILES } from "../io/model-files.js";
import { registerModelSource } from "../io/model-source.js";
import { openModelFiles } from "../io/open-model.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import { floatWeightFiles, weightFileCandidates } from "./load-weights.js";

/**
 * Every weights file name transformers' `from_pretrained` (4.x and 5.x, modeling_utils.py) can look for,
 * as a pattern: the constants SAFE_WEIGHTS_NAME, WEIGHTS_NAME, TF2_WEIGHTS_NAME, TF_WEIGHTS_NAME,
 * FLAX_WEIGHTS_NAME and their *_INDEX_NAME shard indexes, each with any `variant` inserted by
 * `_add_variant` (before the last extension), and PEFT's adapter_model files.
 */
const HF_NAMES = [
  /^model(\.[^/]+)?\.safetensors$/,
  /^model\.safetensors\.index(\.[^/]+)?\.json$/,
  /^pytorch_model(\.[^/]+)?\.bin$/,
  /^pytorch_model\.bin\.index(\.[^/]+)?\.json$/,
  /^tf_model(\.[^/]+)?\.h5$/,
  /^tf_model\.h5\.index(\.[^/]+)?\.json$/,
  /^model\.ckpt(\.[^/]+)?\.index$/,
  /^flax_model(\.[^/]+)?\.msgpack$/,
  /^flax_model\.msgpack\.index(\.[^/]+)?\.json$/,
  /^adapter_model(\.[^/]+)?\.(safetensors|bin)$/,
];

describe("MODEL_FILES.int8Weights", () => {
  it("is a name HF's from_pretrained never looks for, whatever the variant", () => {
    // The patterns do match what they stand for (so this test can fail).
    for (const hf of ["model.safetensors", "model.int8.safetensors", "pytorch_model.fp16.bin"]) {
      expect(HF_NAMES.some((p) => p.test(hf))).toBe(true);
    }
    expect(HF_NAMES.filter((p) => p.test(MODEL_FILES.int8Weights))).toEqual([]);
    expect(MODEL_FILES.int8Weights.endsWith(".safetensors")).toBe(true);
  });

  it("is asked for with every weights choice, after the float files", () => {
    for (const choice of [undefined, true, false]) {
      expect(weightFileCandidates(choice)).toEqual([...floatWeightFiles(choice), MODEL_FILES.int8Weights]);
    }
  });

  it("is in the list fromPretrained hands a model source (so a hub repo fetches it)", async (ctx) => {
    const folder = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const asked: string[][] = [];
    registerModelSource({
      source: {
        name: "int8-file-test",
        accepts: async (id) => id === "test/int8-file",
        open: async ({ files }) => {
          asked.push([...files]);
          return openModelFiles({ pathOrId: folder, files });
        },
      },
    });
    const noBackend: Backend = {
      name: "none",
      init: async () => {},
      createExecutable: async () => Promise.reject(new Error("not used")),
    };
    await MobileNetV1ForImageClassification.fromPretrained("test/int8-file", { backend: noBackend });
    expect(asked).toEqual([["config.json", ...weightFileCandidates(undefined)]]);
  });
});
