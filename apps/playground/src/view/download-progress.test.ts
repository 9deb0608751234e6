import { expect, it } from "vitest";
import { describeDownloads } from "./download-progress.js";

const runtime = { file: "ort-wasm-simd-threaded.wasm", loaded: 1_234_567, total: 14_239_897 };

it("shows both downloads in MB with one decimal and sums them for the bar", () => {
  expect(
    describeDownloads({
      runtime,
      model: { file: "model.safetensors", loaded: 3_400_000, total: 10_300_000 },
    }),
  ).toEqual({
    text: "Runtime 1.2 of 14.2 MB · Model 3.4 of 10.3 MB (model.safetensors)",
    loaded: 4_634_567,
    total: 24_539_897,
  });
});

it("shows the runtime alone (model from the cache), and leaves the bar's total open until the model's is known", () => {
  expect(describeDownloads({ runtime })).toEqual({
    text: "Runtime 1.2 of 14.2 MB",
    loaded: 1_234_567,
    total: 14_239_897,
  });
  expect(describeDownloads({ model: { file: "config.json", loaded: 512, total: undefined } })).toEqual({
    text: "Model 0.0 MB (config.json)",
    loaded: 512,
    total: undefined,
  });
  expect(describeDownloads({})).toBeUndefined();
  expect(describeDownloads(undefined)).toBeUndefined();
});
