// The product path end to end: fromPretrained("<org>/<name>") downloads through this package (mock hub)
// and the model reproduces HF's own logits for the shared weights (REFERENCE.json).
import "@mobilenetv1/backend-node";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import "../src/index.js";
import { GOOGLE_REPO, googleLikeRepos, type MockHub, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const folder = () => join(shared!, "hf", "keras_mobilenet_v1_0.75_224");

async function reference() {
  const json = JSON.parse(await readFile(join(folder(), "REFERENCE.json"), "utf8")) as {
    logits: { shape: number[]; values: number[] };
    tolerance: { logits_atol: number; pixel_values_atol: number };
  };
  const bin = await readFile(join(folder(), "reference_pixel_values.bin"));
  const pixels = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  return { ...json, pixels };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};

describe.skipIf(!shared)("fromPretrained by repo id (mock hub, real weights)", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ repos: googleLikeRepos(shared!) });
  });
  afterEach(() => hub.close());

  it("MobileNetV1ForImageClassification.fromPretrained(id) matches REFERENCE.json logits ≤ 1e-4, pytorch_model.bin and refs/pr/1's safetensors", async () => {
    const ref = await reference();
    const options = { backend: "node", hubUrl: hub.url, cacheDir: env.cacheDir } as const;
    const pixelValues = { dims: [1, 3, 224, 224], data: ref.pixels };

    const model = await MobileNetV1ForImageClassification.fromPretrained(GOOGLE_REPO, options);
    const { logits } = await model.forward({ pixelValues });
    expect(logits.dims).toEqual(ref.logits.shape);
    expect(maxAbsDiff(logits.data as Float32Array, ref.logits.values)).toBeLessThanOrEqual(
      ref.tolerance.logits_atol,
    );
    expect(model.topK({ logits, k: 1 })[0]![0]!.label).toBe("tabby, tabby cat");
    expect(hub.downloads("pytorch_model.bin")).toBe(1);
    expect(hub.downloads("model.safetensors")).toBe(0);

    const fromSafetensors = await MobileNetV1ForImageClassification.fromPretrained(GOOGLE_REPO, {
      ...options,
      revision: "refs/pr/1",
      useSafetensors: true,
    });
    const second = await fromSafetensors.forward({ pixelValues });
    expect(maxAbsDiff(second.logits.data as Float32Array, ref.logits.values)).toBeLessThanOrEqual(
      ref.tolerance.logits_atol,
    );
    expect(hub.downloads("model.safetensors")).toBe(1);
    await Promise.all([model.dispose(), fromSafetensors.dispose()]);

    // Served from the cache once the hub is gone.
    await hub.close();
    const cached = await MobileNetV1ForImageClassification.fromPretrained(GOOGLE_REPO, options);
    const third = await cached.forward({ pixelValues });
    expect(maxAbsDiff(third.logits.data as Float32Array, ref.logits.values)).toBeLessThanOrEqual(
      ref.tolerance.logits_atol,
    );
    await cached.dispose();
  });

  it("MobileNetV1ImageProcessor.fromPretrained(id) reproduces HF's pixel_values ≤ 1e-6 on the cats image", async () => {
    const ref = await reference();
    const processor = await MobileNetV1ImageProcessor.fromPretrained(GOOGLE_REPO, {
      hubUrl: hub.url,
      cacheDir: env.cacheDir,
    });
    const { pixelValues } = await processor.preprocess(join(shared!, "images", "000000039769.png"));
    expect(pixelValues.dims).toEqual([1, 3, 224, 224]);
    expect(maxAbsDiff(pixelValues.data as Float32Array, ref.pixels)).toBeLessThanOrEqual(
      ref.tolerance.pixel_values_atol,
    );
    expect(
      hub.requests.filter((r) => r.route === "content" && r.range !== "bytes=0-0").map((r) => r.file),
    ).toEqual(["preprocessor_config.json"]);
  });
});
