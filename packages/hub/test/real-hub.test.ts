// Against the real Hugging Face Hub, only when asked: MOBILENET_REAL_HUB=1 npx vitest run packages/hub
// Expected values: transformers' MobileNetV1 integration test (COCO 000000039769, atol 1e-4).
import "@mobilenetv1/backend-node";
import { join } from "node:path";
import { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";
import "../src/index.js";
import { GOOGLE_REPO } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { useHubTestEnv } from "./hub-test-env.js";

const REAL = process.env["MOBILENET_REAL_HUB"] === "1";
// Read before the test env clears HF_*: a mirror or token the caller set on purpose.
const endpoint = process.env["HF_ENDPOINT"];
const token = process.env["HF_TOKEN"];
const HF_EXPECTED_LOGITS = [-4.1739, -1.1233, 3.1205];

describe("real Hugging Face Hub", () => {
  const env = useHubTestEnv();

  it(`${GOOGLE_REPO}: logits[0, :3] = [-4.1739, -1.1233, 3.1205] on the cats image (atol 1e-4)`, async (ctx) => {
    ctx.skip(!REAL, "set MOBILENET_REAL_HUB=1 to run against huggingface.co (needs network)");
    const shared = optionalSharedDir();
    ctx.skip(!shared, "needs ../shared/images/000000039769.png");
    const options = {
      cacheDir: env.cacheDir,
      ...(endpoint ? { hubUrl: endpoint } : {}),
      ...(token ? { accessToken: token } : {}),
    };
    const processor = await MobileNetV1ImageProcessor.fromPretrained(GOOGLE_REPO, options);
    const model = await MobileNetV1ForImageClassification.fromPretrained(GOOGLE_REPO, {
      ...options,
      backend: "node",
    });
    const { pixelValues } = await processor.preprocess(join(shared!, "images", "000000039769.png"));
    const { logits } = await model.forward({ pixelValues });
    expect(logits.dims).toEqual([1, 1001]);
    const first = Array.from((logits.data as Float32Array).slice(0, 3));
    for (const [i, value] of first.entries())
      expect(Math.abs(value - HF_EXPECTED_LOGITS[i]!)).toBeLessThanOrEqual(1e-4);
    await model.dispose();
  }, 300_000);
});
