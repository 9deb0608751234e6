import { describe, expect, it } from "vitest";
import { deviceForChoice } from "./web-backends.js";

describe("deviceForChoice", () => {
  const gpu = { name: "NVIDIA GeForce RTX 3060", software: false };
  const swiftshader = { name: "google swiftshader", software: true };

  it("tries WebGPU in Auto only on a hardware adapter", () => {
    expect(deviceForChoice({ choice: "auto", adapter: gpu })).toBe("auto");
    expect(deviceForChoice({ choice: "auto", adapter: swiftshader })).toBe("wasm");
    expect(deviceForChoice({ choice: "auto", adapter: undefined })).toBe("wasm");
  });

  it("keeps an explicit choice, whatever the adapter", () => {
    expect(deviceForChoice({ choice: "webgpu", adapter: swiftshader })).toBe("webgpu");
    expect(deviceForChoice({ choice: "webgpu", adapter: undefined })).toBe("webgpu");
    expect(deviceForChoice({ choice: "wasm", adapter: gpu })).toBe("wasm");
  });
});
