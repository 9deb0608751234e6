import { importWasmOnlyBuild } from "./wasm-only-build-node.js";
import type { WebDevice } from "./web-device.js";

/** The onnxruntime-web module namespace (every build has the same API). */
export type Ort = typeof import("onnxruntime-web");

/**
 * The .wasm file each device's build of onnxruntime-web 1.30 loads: the WebAssembly-only build
 * (`onnxruntime-web/wasm`, ~14 MB, 3.7 MB gzipped) for `"wasm"`, and the WebGPU-capable JSEP build
 * (`onnxruntime-web`, ~28 MB) only for `"webgpu"`.
 */
export const RUNTIME_WASM_FILES: Readonly<Record<WebDevice, string>> = Object.freeze({
  wasm: "ort-wasm-simd-threaded.wasm",
  webgpu: "ort-wasm-simd-threaded.jsep.wasm",
});

const loading = new Map<WebDevice, Promise<Ort>>();

/**
 * Imports the onnxruntime-web build for `device` on first use: `onnxruntime-web/wasm` for `"wasm"`,
 * `onnxruntime-web` (WebGPU-capable, twice the download) for `"webgpu"`; so a page that never runs on
 * WebGPU never downloads its runtime. In Node both are `onnxruntime-web`, whose Node build is the
 * WebAssembly-only one (Node has no WebGPU).
 *
 * Dynamic on purpose: bundlers then give each build a chunk of its own, and that matters for threads —
 * its pthread workers start by importing the script that holds the runtime (`new Worker(import.meta.url)`);
 * statically bundled into the app's chunk, that would re-run the whole app inside each worker (and fail on
 * `document`). It also keeps the runtime out of the app's startup.
 *
 * @example
 * const ort = await loadOrt({ device: "wasm" });
 * ort.env.versions.web // "1.30.0"
 */
export function loadOrt(params: { device: WebDevice }): Promise<Ort> {
  const { device } = params;
  let module = loading.get(device);
  if (!module) {
    // Literal import() calls, so bundlers see (and split out) both builds.
    const imported: Promise<unknown> = device === "wasm" ? importWasmOnlyBuild() : import("onnxruntime-web");
    module = (imported as Promise<Ort>).catch((error: unknown) => {
      loading.delete(device);
      throw error;
    });
    loading.set(device, module);
  }
  return module;
}
