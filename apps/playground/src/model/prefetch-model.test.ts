import { MODEL_FILES } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { filesToPrefetch, LOAD_FILES, prefetchModel } from "./prefetch-model.js";

describe("filesToPrefetch", () => {
  it("takes both JSON files and model.safetensors over pytorch_model.bin, as core's loader reads them", () => {
    expect(filesToPrefetch(new Set(LOAD_FILES.filter((f) => f !== MODEL_FILES.int8Weights)))).toEqual([
      MODEL_FILES.config,
      MODEL_FILES.preprocessorConfig,
      MODEL_FILES.safetensors,
    ]);
    expect(filesToPrefetch(new Set([MODEL_FILES.config, MODEL_FILES.torchBin]))).toEqual([
      MODEL_FILES.config,
      MODEL_FILES.torchBin,
    ]);
  });

  it("guesses no weights for an int8 checkpoint (config.json decides which file it reads)", () => {
    expect(
      filesToPrefetch(new Set([MODEL_FILES.config, MODEL_FILES.int8Weights, MODEL_FILES.safetensors])),
    ).toEqual([MODEL_FILES.config]);
  });
});

describe("prefetchModel", () => {
  it("leaves local folders and ids the hub refuses to the loaders, asking nothing", async () => {
    const source = { revision: "main", hubUrl: "http://127.0.0.1:9" };
    expect(await prefetchModel({ modelId: "local:my-model", source })).toBe(source);
    expect(await prefetchModel({ modelId: "bad id!!", source })).toBe(source);
  });
});
