import { describe, expect, it } from "vitest";
import { describeDevice } from "./model-status-view.js";

describe("describeDevice", () => {
  const gpu = { name: "NVIDIA GeForce RTX 3060", software: false };

  it("names the WebGPU adapter, and wasm's threads", () => {
    const webgpu = {
      deviceChoice: "webgpu" as const,
      backend: { device: "webgpu" as const },
      gpuAdapter: gpu,
    };
    expect(describeDevice(webgpu)).toBe("WebGPU · NVIDIA GeForce RTX 3060");
    const wasm = { deviceChoice: "wasm" as const, backend: { device: "wasm" as const }, gpuAdapter: gpu };
    expect(describeDevice(wasm, { threads: 2, isolated: true })).toBe("wasm · 2 threads");
    expect(describeDevice(wasm, { threads: 1, isolated: true })).toBe("wasm · 1 thread");
    expect(describeDevice(wasm, { threads: 1, isolated: false })).toBe(
      "wasm · 1 thread — host lacks cross-origin isolation",
    );
  });

  it("says what Auto chose, and when the device has not started", () => {
    const auto = {
      deviceChoice: "auto" as const,
      backend: { device: "wasm" as const },
      gpuAdapter: undefined,
    };
    expect(describeDevice(auto, { threads: 4, isolated: true })).toBe("auto → wasm · 4 threads");
    const autoGpu = {
      deviceChoice: "auto" as const,
      backend: { device: "webgpu" as const },
      gpuAdapter: undefined,
    };
    expect(describeDevice(autoGpu)).toBe("auto → WebGPU · unknown adapter");
    const idle = { deviceChoice: "wasm" as const, backend: { device: undefined }, gpuAdapter: undefined };
    expect(describeDevice(idle)).toBe("not started");
  });
});
