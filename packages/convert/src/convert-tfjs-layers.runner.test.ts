import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createNodeBackend } from "@mobilenetv1/backend-node";
import { MobileNetV1ForImageClassification, Tensor } from "@mobilenetv1/core";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { loadLayersModel } from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { convertTfjsLayers } from "./convert-tfjs-layers.js";
import { readTfjsLayersModel } from "./tfjs-layers-reader.js";

// The original runner: @tensorflow/tfjs (layers API, pure-JS CPU backend) loads the TF.js files themselves
// and runs the Keras graph; the converted checkpoint runs as HF's MobileNetV1 on onnxruntime-node. Both see
// the COCO cats image as HF's processor prepares it (../shared/hf/keras_mobilenet_v1_0.75_224/reference_pixel_values.bin).
const modelJson = requireShared("weights/keras_mobilenet_v1_0.25_224.tfjs/model.json");
const pixelsFile = requireShared("hf/keras_mobilenet_v1_0.75_224/reference_pixel_values.bin");

describe.skipIf(!modelJson || !pixelsFile)(
  "converted Keras 0.25 vs @tensorflow/tfjs on the original TF.js files",
  () => {
    it("classifies the cats image with the same top-5", async () => {
      const modelDir = join(modelJson!, "..");
      const bytes = await readFile(pixelsFile!);
      const nchw = new Float32Array(new Uint8Array(bytes).buffer);

      await tf.setBackend("cpu");
      const original = await readTfjsLayersModel({ modelDir });
      const keras = await loadLayersModel(
        tf.io.fromMemory({
          modelTopology: original.modelTopology,
          weightSpecs: original.weightSpecs as tf.io.WeightsManifestEntry[],
          weightData: original.weightData,
        }),
      );
      const input = tf.tidy(() => tf.transpose(tf.tensor4d(nchw, [1, 3, 224, 224]), [0, 2, 3, 1]));
      const probs = tf.tidy(() => tf.reshape(keras.predict(input) as tf.Tensor, [-1]));
      const tfjsProbs = await probs.data();
      tf.dispose([input, probs]);
      keras.dispose();
      const tfjsTop5 = [...tfjsProbs.keys()].sort((a, b) => tfjsProbs[b]! - tfjsProbs[a]!).slice(0, 5);

      const converted = await convertTfjsLayers({ modelDir });
      const model = await MobileNetV1ForImageClassification.fromStateDict({
        config: converted.config,
        stateDict: converted.stateDict,
        backend: createNodeBackend(),
      });
      const { logits } = await model.forward({
        pixelValues: new Tensor({ dims: [1, 3, 224, 224], data: nchw }),
      });
      const top5 = model.topK({ logits, k: 5 })[0]!;
      expect(top5.map((p) => p.index)).toEqual(tfjsTop5);
      // Keras ends in softmax, so its outputs are the probabilities topK computes from our logits.
      for (const [i, p] of top5.entries())
        expect(Math.abs(p.score - tfjsProbs[tfjsTop5[i]!]!)).toBeLessThan(1e-4);
      // ../shared/weights/keras_mobilenet_v1_0.25_224.tfjs/PROVENANCE.md: HF-style crop → 36 terrapin 0.1166,
      // logits[0:3] = -4.9067, -1.6922, -2.9625 (a weak model on a zoomed crop; the cats come later).
      expect([top5[0]!.index, top5[0]!.label]).toEqual([36, "terrapin"]);
      expect(top5[0]!.score).toBeCloseTo(0.1166, 4);
      for (const [i, v] of [-4.9067, -1.6922, -2.9625].entries()) expect(logits.data[i]!).toBeCloseTo(v, 3);
      await model.dispose();
    });
  },
);
