import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readSafetensors } from "@mobilenetv1/core/weights";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { convertTfjsLayers } from "./convert-tfjs-layers.js";

// The reference: ../shared/hf/keras_mobilenet_v1_{0.75,0.25}_224, the same Keras weights converted to HF's
// layout with PyTorch and checked through HF's own load_tf_weights_in_mobilenet_v1 (see PROVENANCE.md there).
for (const alpha of ["0.75", "0.25"]) {
  const tfjsDir = requireShared(`weights/keras_mobilenet_v1_${alpha}_224.tfjs/model.json`);
  const hfDir = requireShared(`hf/keras_mobilenet_v1_${alpha}_224/model.safetensors`);

  describe.skipIf(!tfjsDir || !hfDir)(`convertTfjsLayers: keras_mobilenet_v1_${alpha}_224`, () => {
    it("gives tensors equal to the HF-layout reference, bit for bit, and the same config", async () => {
      const model = await convertTfjsLayers({ modelDir: join(tfjsDir!, "..") });
      const reference = readSafetensors({ bytes: new Uint8Array(await readFile(hfDir!)) }).tensors;
      // Read back what would be written, so the safetensors bytes are checked too.
      const written = readSafetensors({ bytes: model.files["model.safetensors"]! }).tensors;
      expect([...written.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [key, tensor] of reference) {
        const ours = written.get(key)!;
        expect(ours.dims, key).toEqual(tensor.dims);
        expect(ours.dtype, key).toBe(tensor.dtype);
        expect(
          Buffer.from(ours.data.buffer, ours.data.byteOffset, ours.data.byteLength).equals(
            Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
          ),
          key,
        ).toBe(true);
      }
      const configJson = JSON.parse(await readFile(join(hfDir!, "../config.json"), "utf8"));
      expect(JSON.parse(new TextDecoder().decode(model.files["config.json"]))).toEqual(configJson);
      const preprocessor = JSON.parse(await readFile(join(hfDir!, "../preprocessor_config.json"), "utf8"));
      expect(JSON.parse(new TextDecoder().decode(model.files["preprocessor_config.json"]))).toEqual(
        preprocessor,
      );
    });
  });
}
