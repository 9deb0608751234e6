import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { convertTflite } from "./convert-tflite.js";

// Reference: ../shared/hf/tfslim_mobilenet_v1_0.25_224, the same TFLite tensors put in HF's layout
// independently (NumPy; see its PROVENANCE.md).
const tflite = requireShared(
  "weights/tfhub_mobilenet_v1_0.25_224.tflite/mobilenet_v1_0.25_224_1_default_1.tflite",
);
const hf = requireShared("hf/tfslim_mobilenet_v1_0.25_224/model.safetensors");

describe.skipIf(!tflite || !hf)("convertTflite: TF Hub mobilenet_v1_0.25_224 float", () => {
  it("equals the HF-layout reference tensor for tensor, bit for bit, with the same config", async () => {
    const model = await convertTflite({ file: tflite! });
    const written = readSafetensors({ bytes: model.files["model.safetensors"]! }).tensors;
    const reference = readSafetensors({ bytes: new Uint8Array(await readFile(hf!)) }).tensors;
    expect([...written.keys()].sort()).toEqual([...reference.keys()].sort());
    let worst = 0;
    for (const [key, tensor] of reference) {
      const ours = written.get(key)!;
      expect(ours.dims, key).toEqual(tensor.dims);
      for (let i = 0; i < tensor.data.length; i++)
        worst = Math.max(worst, Math.abs(Number(ours.data[i]!) - Number(tensor.data[i]!)));
    }
    expect(worst).toBe(0);
    const config = JSON.parse(await readFile(join(hf!, "../config.json"), "utf8"));
    expect(JSON.parse(new TextDecoder().decode(model.files["config.json"]))).toEqual(config);
  });

  it("refuses bytes that are not TFLite", async () => {
    await expect(convertTflite({ bytes: new Uint8Array(64) })).rejects.toThrow(/TFL3/);
  });
});
