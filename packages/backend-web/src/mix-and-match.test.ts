import { nodeBackend } from "@mobilenetv1/backend-node";
import {
  BackendError,
  listBackends,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  resolveBackend,
} from "@mobilenetv1/core";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { maxAbsDiff, readHfReference } from "../test/hf-reference.js";
import { createWebBackend, webBackend } from "./index.js";

// Both backend packages imported into one Node process, as an app mixing them would.
describe("choosing between backend-node and backend-web in one process", () => {
  it("picks by registry priority (node 100 > web 50), by name and by instance", async () => {
    expect(listBackends()).toEqual(["node", "web"]);
    expect(await resolveBackend()).toBe(nodeBackend);
    expect(await resolveBackend({ backend: "web" })).toBe(webBackend);
    expect(webBackend.device).toBe("wasm"); // "auto" tried webgpu first; Node has none
    const mine = createWebBackend({ name: "web-unregistered", device: "wasm" });
    expect(await resolveBackend({ backend: mine })).toBe(mine);
  });

  it("falls back along a list and, when nothing starts, lists why each candidate failed", async () => {
    const gpuOnly = createWebBackend({ name: "gpu-only", device: "webgpu" });
    expect(await resolveBackend({ backend: [gpuOnly, "web"] })).toBe(webBackend);
    const error = await resolveBackend({ backend: [gpuOnly, "tpu"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    const failures = (error as BackendError).failures;
    expect(failures.map((f) => f.backend)).toEqual(["gpu-only", "tpu"]);
    expect(failures[0]!.reason).toMatch(/gpu-only:webgpu: navigator\.gpu is undefined/);
    expect(failures[1]!.reason).toMatch(/"tpu" is not registered; registered: \[node, web\]/);
  });
});

const folder = requireShared("hf/keras_mobilenet_v1_0.75_224");

describe.skipIf(!folder)(
  "one model across backends, two models on two backends (keras_mobilenet_v1_0.75_224)",
  async () => {
    const dir = folder!;
    const { pixelValues } = await readHfReference({ dir });

    it("the same model object switched node → web → node keeps its weights and gives identical outputs", async () => {
      const model = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: "node" });
      const weights = model.weights;
      const first = Array.from((await model.forward({ pixelValues })).logits.data);
      await model.to({ backend: "web" });
      expect(model.backend).toBe(webBackend);
      const onWeb = Array.from((await model.forward({ pixelValues })).logits.data);
      await model.to({ backend: nodeBackend });
      expect(model.backend.name).toBe("node");
      const again = Array.from((await model.forward({ pixelValues })).logits.data);
      expect(model.weights).toBe(weights); // moved, not reloaded
      expect(again).toEqual(first);
      expect(maxAbsDiff(onWeb, first)).toBeLessThanOrEqual(5e-5); // float32 kernel noise; see real-weights.test.ts
      await model.dispose();
    });

    it("a classifier on node and a base model on web run concurrently with their sequential results", async () => {
      const classifier = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: "node" });
      const features = await MobileNetV1Model.fromPretrained(dir, { backend: "web" });
      const logits = Array.from((await classifier.forward({ pixelValues })).logits.data);
      const pooled = Array.from((await features.forward({ pixelValues })).poolerOutput.data);
      const runs = await Promise.all(
        Array.from({ length: 4 }, (_, i) => [
          classifier
            .forward({ pixelValues })
            .then((r) => ({ on: "node", i, data: Array.from(r.logits.data) })),
          features
            .forward({ pixelValues })
            .then((r) => ({ on: "web", i, data: Array.from(r.poolerOutput.data) })),
        ]).flat(),
      );
      for (const r of runs) expect(r.data, `${r.on} run ${r.i}`).toEqual(r.on === "node" ? logits : pooled);
      await Promise.all([classifier.dispose(), features.dispose()]);
    });
  },
);
