import { HubRepoIdError } from "@mobilenetv1/hub";
import { describe, expect, it } from "vitest";
import { checkModelId } from "./model-id.js";

describe("checkModelId", () => {
  it("takes org/name repo ids and picked folders", () => {
    for (const modelId of [
      "google/mobilenet_v1_1.0_224",
      "shared/keras_mobilenet_v1_0.75_224",
      "a-b/c.d_e",
      "local:my-model",
    ]) {
      expect(() => checkModelId({ modelId }), modelId).not.toThrow();
    }
  });

  it("refuses what is not org/name, by huggingface_hub's rules, naming the rule", () => {
    const cases: [string, RegExp][] = [
      ["mobilenet", /no "\/"/],
      ["", /no "\/"/],
      ["local:", /no "\/"/],
      ["a/b/c", /more than one "\/"/],
      ["google/mobile net", /a character other than/],
      ["https://huggingface.co/google/x", /more than one "\/"/],
      ["-org/name", /starting or ending/],
      ["org/a--b", /contains "--"/],
      ["org/a..b", /contains "\.\."/],
      ["org/name.git", /ends with "\.git"/],
      [`org/${"x".repeat(97)}`, /longer than 96/],
    ];
    for (const [modelId, reason] of cases) {
      let error: unknown;
      try {
        checkModelId({ modelId });
      } catch (e) {
        error = e;
      }
      expect(error, modelId).toBeInstanceOf(HubRepoIdError);
      expect((error as HubRepoIdError).code).toBe("HUB_INVALID_REPO_ID");
      expect((error as Error).message, modelId).toMatch(reason);
    }
  });
});
