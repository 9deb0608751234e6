import { afterEach, describe, expect, it, vi } from "vitest";
import { probeWebGpuAdapter, summarizeGpuAdapter } from "./webgpu-adapter.js";

describe("summarizeGpuAdapter", () => {
  it("names a GPU by its description, else by vendor and architecture", () => {
    expect(
      summarizeGpuAdapter({
        info: { vendor: "nvidia", architecture: "ampere", description: "NVIDIA GeForce RTX 3060" },
      }),
    ).toEqual({ name: "NVIDIA GeForce RTX 3060", software: false });
    expect(
      summarizeGpuAdapter({ info: { vendor: "apple", architecture: "metal-3", description: "" } }),
    ).toEqual({ name: "apple metal-3", software: false });
    expect(summarizeGpuAdapter({})).toEqual({ name: "unnamed adapter", software: false });
  });

  it("treats SwiftShader, llvmpipe, lavapipe, Basic Render and fallback adapters as software", () => {
    const software = [
      { info: { vendor: "google", architecture: "swiftshader" } },
      { info: { description: "llvmpipe (LLVM 15.0.6, 256 bits)" } },
      { info: { vendor: "mesa", device: "lavapipe" } },
      { info: { description: "Microsoft Basic Render Driver" } },
      { info: { vendor: "intel", isFallbackAdapter: true } },
      { info: { vendor: "intel" }, isFallbackAdapter: true },
    ];
    for (const adapter of software)
      expect(summarizeGpuAdapter(adapter).software, JSON.stringify(adapter)).toBe(true);
  });
});

describe("probeWebGpuAdapter", () => {
  it("is undefined without navigator.gpu, without an adapter, on a failed or hung request", async () => {
    expect(await probeWebGpuAdapter({ gpu: undefined })).toBeUndefined();
    expect(await probeWebGpuAdapter({ gpu: { requestAdapter: async () => null } })).toBeUndefined();
    expect(
      await probeWebGpuAdapter({ gpu: { requestAdapter: () => Promise.reject(new Error("lost")) } }),
    ).toBeUndefined();
    const hung = { requestAdapter: () => new Promise<null>(() => undefined) };
    expect(await probeWebGpuAdapter({ gpu: hung, timeoutMs: 5 })).toBeUndefined();
  });

  it("summarizes the adapter it gets", async () => {
    const gpu = { requestAdapter: async () => ({ info: { vendor: "amd", architecture: "rdna-3" } }) };
    expect(await probeWebGpuAdapter({ gpu })).toEqual({ name: "amd rdna-3", software: false });
  });

  describe("with an earlier request (the built page's inline script)", () => {
    afterEach(() => {
      delete (globalThis as { __mobilenetv1GpuAdapter?: unknown }).__mobilenetv1GpuAdapter;
    });
    const swiftshader = { info: { vendor: "google", architecture: "swiftshader", description: "" } };

    it("takes its answer and asks the browser nothing", async () => {
      const requestAdapter = vi.fn(async () => null);
      const early = Promise.resolve(swiftshader);
      expect(await probeWebGpuAdapter({ gpu: { requestAdapter }, early })).toEqual({
        name: "google swiftshader",
        software: true,
      });
      expect(requestAdapter).not.toHaveBeenCalled();
    });

    it("reads window.__mobilenetv1GpuAdapter by default; ignores a value there that is not a promise", async () => {
      const requestAdapter = vi.fn(async () => ({ info: { vendor: "amd", architecture: "rdna-3" } }));
      const g = globalThis as { __mobilenetv1GpuAdapter?: unknown };
      g.__mobilenetv1GpuAdapter = Promise.resolve(swiftshader);
      expect(await probeWebGpuAdapter({ gpu: { requestAdapter } })).toMatchObject({ software: true });
      expect(requestAdapter).not.toHaveBeenCalled();
      g.__mobilenetv1GpuAdapter = "not a promise";
      expect(await probeWebGpuAdapter({ gpu: { requestAdapter } })).toMatchObject({ software: false });
      expect(requestAdapter).toHaveBeenCalledTimes(1);
    });

    it("is undefined when the earlier request found no adapter, failed or hangs", async () => {
      const gpu = { requestAdapter: vi.fn(async () => swiftshader) };
      expect(await probeWebGpuAdapter({ gpu, early: Promise.resolve(null) })).toBeUndefined();
      expect(await probeWebGpuAdapter({ gpu, early: Promise.reject(new Error("lost")) })).toBeUndefined();
      const hung = new Promise<null>(() => {});
      expect(await probeWebGpuAdapter({ gpu, early: hung, timeoutMs: 5 })).toBeUndefined();
      expect(gpu.requestAdapter).not.toHaveBeenCalled();
    });
  });
});
