import { RUNTIME_FILES } from "virtual:ort-runtime-files";
import type { LoadWasmBinary } from "@mobilenetv1/backend-web";
import { BackendError } from "@mobilenetv1/core";
import { downloadRuntimeWasm, type RuntimeProgress } from "./runtime-download.js";

/** Set by the built page's inline script (vite-plugins/runtime-files-plugin.ts, EARLY_WASM_GLOBAL). */
const EARLY_WASM_GLOBAL = "__mobilenetv1RuntimeWasm";

const listeners = new Set<(progress: RuntimeProgress) => void>();

/**
 * backend-web's `loadWasmBinary` for the built app: downloads the .wasm of the build backend-web is
 * starting (WebAssembly-only for wasm, JSEP for WebGPU) from where Vite emitted it, telling every
 * {@link onRuntimeProgress} listener how many bytes have arrived; when the HTTP cache already has it,
 * leaves it to onnxruntime-web.
 */
export const loadRuntimeWasm: LoadWasmBinary = async ({ device, file }) => {
  const known = RUNTIME_FILES[device];
  if (known?.file !== file) {
    // vite-plugins/runtime-files-plugin.ts repeats backend-web's file names; this catches a drift.
    throw new BackendError({
      message: `backend-web asks for ${file} for device ${device}, but the build recorded ${known?.file}`,
    });
  }
  // Already in the HTTP cache (a repeat visit): let onnxruntime-web fetch it itself, at the same URL (its
  // `new URL(…, import.meta.url)`, which the build points at the same emitted file). Its streaming
  // compilation of a cached response is what Chromium keeps compiled code for, so later visits skip
  // compiling; bytes handed over in memory never get that.
  // (Built app only: `vite dev` pre-bundles onnxruntime-web elsewhere, so its own URL is not this one.)
  if (import.meta.env.PROD && (await wasmIsCached({ url: known.url, device }))) return undefined;
  return downloadRuntimeWasm({ ...known, onProgress: (p) => listeners.forEach((l) => l(p)) });
};

/**
 * Whether the HTTP cache held the runtime's .wasm when the page opened. The built page's inline script
 * (vite-plugins/runtime-files-plugin.ts) asked first, before it preloaded the file: once its preload is in
 * flight, asking the cache again would be answered from that preload.
 */
async function wasmIsCached(params: { url: string; device: string }): Promise<boolean> {
  const early = (globalThis as { [EARLY_WASM_GLOBAL]?: Promise<string> })[EARLY_WASM_GLOBAL];
  const started = params.device === "wasm" ? await early?.catch(() => undefined) : undefined;
  if (started === "cached") return true;
  if (started === "preloaded") return false;
  return inHttpCache(params.url);
}

/** Whether the browser's HTTP cache holds `url` (fresh or not); asks the network for nothing. */
async function inHttpCache(url: string): Promise<boolean> {
  try {
    const cached = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    await cached.body?.cancel();
    return cached.ok;
  } catch {
    return false; // not cached ("only-if-cached" fails instead of going to the network)
  }
}

/** Calls `listener` with the runtime's download progress until the returned function is called. */
export function onRuntimeProgress(listener: (progress: RuntimeProgress) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
