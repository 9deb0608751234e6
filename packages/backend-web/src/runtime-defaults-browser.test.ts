import { afterEach, expect, it, vi } from "vitest";
import { availableThreads, defaultWasmPaths } from "./runtime-defaults-browser.js";

afterEach(() => vi.unstubAllGlobals());

it("leaves wasmPaths to onnxruntime-web's bundled default (the bundler-emitted asset, no CDN)", () => {
  expect(defaultWasmPaths()).toBeUndefined();
});

it("uses every hardware thread on a cross-origin isolated page, one otherwise", () => {
  vi.stubGlobal("navigator", { hardwareConcurrency: 8 });
  vi.stubGlobal("crossOriginIsolated", true);
  expect(availableThreads()).toBe(8);
  vi.stubGlobal("crossOriginIsolated", false);
  expect(availableThreads()).toBe(1);
});
