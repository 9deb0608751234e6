import { afterEach, expect, it, vi } from "vitest";
import { checkDeviceAvailable, softwareAdapterName } from "./web-device.js";

afterEach(() => vi.unstubAllGlobals());

const swiftShader = { info: { vendor: "google", architecture: "swiftshader", description: "" } };
const fallback = { info: { isFallbackAdapter: true, vendor: "", architecture: "", description: "" } };
const hardware = { info: { vendor: "nvidia", architecture: "ampere", description: "NVIDIA RTX 3060" } };

it("names software WebGPU adapters (fallback flag, SwiftShader, llvmpipe) and not hardware ones", () => {
  expect(softwareAdapterName(swiftShader)).toBe("google swiftshader");
  expect(softwareAdapterName(fallback)).toBe("fallback adapter");
  expect(softwareAdapterName({ isFallbackAdapter: true })).toBe("fallback adapter"); // Chrome < 136
  expect(softwareAdapterName({ info: { vendor: "mesa", description: "llvmpipe (LLVM 15.0.6)" } })).toBe(
    "mesa llvmpipe (LLVM 15.0.6)",
  );
  expect(softwareAdapterName(hardware)).toBeUndefined();
  expect(softwareAdapterName({})).toBeUndefined();
});

it("refuses a software adapter only when hardwareOnly (what device auto asks), accepts a hardware one", async () => {
  vi.stubGlobal("navigator", { gpu: { requestAdapter: async () => swiftShader } });
  await expect(checkDeviceAvailable({ device: "webgpu", hardwareOnly: true })).rejects.toThrow(
    /software one \(google swiftshader\)/,
  );
  await expect(checkDeviceAvailable({ device: "webgpu" })).resolves.toBeUndefined();
  vi.stubGlobal("navigator", { gpu: { requestAdapter: async () => hardware } });
  await expect(checkDeviceAvailable({ device: "webgpu", hardwareOnly: true })).resolves.toBeUndefined();
  vi.stubGlobal("navigator", { gpu: { requestAdapter: async () => null } });
  await expect(checkDeviceAvailable({ device: "webgpu" })).rejects.toThrow(/returned null/);
});
