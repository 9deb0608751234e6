import "@mobilenetv1/backend-node";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type ImageFeatureExtractionPipeline, pipeline } from "@mobilenetv1/pipeline";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { EmptyClassError } from "@mobilenetv1/train";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { predictTaught } from "./teach-predict.js";
import { TeachState } from "./teach-state.js";
import { type TeachProgress, trainTeachModel } from "./teach-training.js";

// The training runner in Node on a real backbone (keras 0.25 from ../shared, onnxruntime-node, sharp
// decoding the Blobs): embeddings computed once per example and backbone, unreadable images marked and
// left out, the classes in the list's order, and a model that tells the classes apart.
const folder = requireShared("hf/keras_mobilenet_v1_0.25_224");
const catsPath = requireShared("images/000000039769.png");
const chelseaPath = fileURLToPath(new URL("../../../../samples/chelsea.png", import.meta.url));

const pngBlob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" });
/** A plain-coloured PNG: far from any photo in feature space. */
async function solid(rgb: [number, number, number]): Promise<Blob> {
  const png = await sharp({
    create: { width: 96, height: 80, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .png()
    .toBuffer();
  return pngBlob(png);
}

describe.skipIf(!folder || !catsPath)(
  "trainTeachModel (keras 0.25, onnxruntime-node)",
  { timeout: 120_000 },
  () => {
    let extractor: ImageFeatureExtractionPipeline;
    let cats: Blob;
    let chelsea: Blob;
    let colours: Blob[];

    beforeAll(async () => {
      extractor = await pipeline("image-feature-extraction", folder!);
      cats = pngBlob(await readFile(catsPath!));
      chelsea = pngBlob(await readFile(chelseaPath));
      colours = await Promise.all(
        (
          [
            [200, 30, 30],
            [30, 200, 30],
            [30, 30, 200],
          ] as const
        ).map((c) => solid([...c])),
      );
    });
    afterAll(async () => {
      await extractor?.dispose();
    });

    it("trains, then computes embeddings only for new examples; a new backbone key computes them all again", async () => {
      const state = new TeachState();
      const plain = state.addClass({ name: "Plain colour" });
      const photo = state.addClass({ name: "Cat photo" });
      state.addSamples({ classId: plain.id, images: colours.slice(0, 2), source: "file" });
      state.addSamples({ classId: photo.id, images: [cats], source: "paste" });
      const progress: TeachProgress[] = [];
      const first = await trainTeachModel({
        state,
        extractor,
        modelKey: "a",
        onProgress: (p) => progress.push(p),
      });
      expect(first.head.classNames).toEqual(["Plain colour", "Cat photo"]); // the list's order, not sorted
      expect([first.extracted, first.reused, first.skipped]).toEqual([3, 0, []]);
      expect(progress[0]).toEqual({ stage: "extract", done: 3, total: 3 });
      expect(progress.at(-1)?.stage).toBe("fit");
      expect(first.revision).toBe(state.revision);
      expect(first.model.config.id2label).toEqual({ 0: "Plain colour", 1: "Cat photo" });
      const vector = plain.samples[0]!.embedding!.vector;
      expect(vector).toHaveLength(256);

      state.addSamples({ classId: photo.id, images: [chelsea], source: "file" });
      state.addSamples({ classId: plain.id, images: [colours[2]!], source: "webcam" });
      const second = await trainTeachModel({ state, extractor, modelKey: "a" });
      expect([second.extracted, second.reused]).toEqual([2, 3]);
      expect(plain.samples[0]!.embedding!.vector).toBe(vector); // kept, not computed again
      for (const [image, label] of [
        [cats, "Cat photo"],
        [chelsea, "Cat photo"],
        [colours[1]!, "Plain colour"],
      ] as const) {
        const top = await predictTaught({ model: second.model, processor: extractor.processor, image });
        expect(top[0]!.label).toBe(label);
      }

      const third = await trainTeachModel({ state, extractor, modelKey: "b" });
      expect([third.extracted, third.reused]).toEqual([5, 0]);
      for (const result of [first, second, third]) await result.model.dispose();
    });

    it("marks an unreadable image, leaves it out and still trains on the others", async () => {
      const state = new TeachState();
      const plain = state.addClass({ name: "Plain" });
      const photo = state.addClass({ name: "Photo" });
      state.addSamples({ classId: plain.id, images: [colours[0]!], source: "file" });
      const [junk] = state.addSamples({
        classId: photo.id,
        images: [new Blob(["not a PNG"])],
        source: "file",
      });
      state.addSamples({ classId: photo.id, images: [cats], source: "file" });
      const result = await trainTeachModel({ state, extractor, modelKey: "a" });
      expect(result.skipped).toEqual([junk]);
      expect(junk!.error?.code).toBe("IMAGE_DECODE");
      expect(junk!.embedding).toBeUndefined();
      expect(result.head.report.trainIndices.length + result.head.report.valIndices.length).toBe(2);
      await result.model.dispose();

      // Training again with only an unreadable new image: the extraction has nothing (NoUsableImagesError
      // from train), and the kept embeddings still train.
      const [junk2] = state.addSamples({
        classId: plain.id,
        images: [new Blob([new Uint8Array(8)])],
        source: "file",
      });
      const again = await trainTeachModel({ state, extractor, modelKey: "a" });
      expect([again.extracted, again.reused, again.skipped]).toEqual([1, 2, [junk2]]);
      await again.model.dispose();
    });

    it("refuses a class whose only example cannot be read, naming it (EmptyClassError)", async () => {
      const state = new TeachState();
      const plain = state.addClass({ name: "Plain" });
      const broken = state.addClass({ name: "Broken" });
      state.addSamples({ classId: plain.id, images: [colours[0]!, colours[1]!], source: "file" });
      state.addSamples({ classId: broken.id, images: [new Blob(["<svg/>"])], source: "paste" });
      const failure = trainTeachModel({ state, extractor, modelKey: "a" });
      await expect(failure).rejects.toBeInstanceOf(EmptyClassError);
      await expect(failure).rejects.toMatchObject({ className: "Broken" });
      expect(broken.samples[0]!.error).toBeDefined();
    });
  },
);
