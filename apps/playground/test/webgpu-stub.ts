import type { Page } from "playwright-core";

/** A fake GPU adapter: what `adapter.info` says, and whether `requestDevice` works (it never does here). */
export interface FakeAdapter {
  readonly info: { vendor: string; architecture: string; device: string; description: string };
  readonly isFallbackAdapter: boolean;
}

/** Chromium's software rasterizer, as Chromium reports it. */
export const SOFTWARE_GPU: FakeAdapter = {
  info: {
    vendor: "google",
    architecture: "swiftshader",
    device: "",
    description: "SwiftShader Device (Subzero)",
  },
  isFallbackAdapter: false,
};

/** A hardware adapter whose device cannot be created (a lost or blocklisted GPU, a driver crash). */
export const FAILING_GPU: FakeAdapter = {
  info: { vendor: "nvidia", architecture: "ampere", device: "", description: "NVIDIA GeForce RTX 3060" },
  isFallbackAdapter: false,
};

/**
 * Replaces `navigator.gpu` in every document the page opens (before its scripts run) by one whose
 * adapter is `adapter` and whose `requestDevice` rejects; calls are counted in
 * `window.__webgpuCalls` (see {@link webGpuCalls}).
 */
export async function stubWebGpu(page: Page, adapter: FakeAdapter): Promise<void> {
  await page.addInitScript((fake: FakeAdapter) => {
    const calls = { requestAdapter: 0, requestDevice: 0 };
    Object.assign(window, { __webgpuCalls: calls });
    const gpuAdapter = {
      info: fake.info,
      isFallbackAdapter: fake.isFallbackAdapter,
      features: new Set<string>(),
      limits: {},
      requestAdapterInfo: async () => fake.info,
      requestDevice: async () => {
        calls.requestDevice++;
        throw new DOMException("fake adapter: the device could not be created", "OperationError");
      },
    };
    const gpu = {
      requestAdapter: async () => {
        calls.requestAdapter++;
        return gpuAdapter;
      },
      getPreferredCanvasFormat: () => "bgra8unorm",
      wgslLanguageFeatures: new Set<string>(),
    };
    Object.defineProperty(Navigator.prototype, "gpu", { configurable: true, get: () => gpu });
  }, adapter);
}

/** How often the page asked the stub for an adapter and for a device. */
export function webGpuCalls(page: Page): Promise<{ requestAdapter: number; requestDevice: number }> {
  return page.evaluate(
    () =>
      (window as unknown as { __webgpuCalls: { requestAdapter: number; requestDevice: number } })
        .__webgpuCalls,
  );
}
