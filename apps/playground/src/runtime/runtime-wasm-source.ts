import { RUNTIME_FILES } from "virtual:ort-runtime-files";
import type { LoadWasmBinary } from "@mobilenetv1/backend-web";
import { BackendError } from "@mobilenetv1/core";
import { downloadRuntimeWasm, type RuntimeProgress } from "./runtime-download.js";

const listeners = new Set<(progress: RuntimeProgress) => void>();

/**
 * backend-web's `loadWasmBinary` for the built app: downloads the .wasm of the build backend-web is
 * starting (WebAssembly-only for wasm, JSEP for WebGPU) from where Vite emitted it, telling every
 * {@link onRuntimeProgress} listener how many bytes have arrived.
 */
export const loadRuntimeWasm: LoadWasmBinary = async ({ device, file }) => {
  const known = RUNTIME_FILES[device];
  if (known?.file !== file) {
    // vite-plugins/runtime-files-plugin.ts repeats backend-web's file names; this catches a drift.
    throw new BackendError({
      message: `backend-web asks for ${file} for device ${device}, but the build recorded ${known?.file}`,
    });
  }
  return downloadRuntimeWasm({ ...known, onProgress: (p) => listeners.forEach((l) => l(p)) });
};

/** Calls `listener` with the runtime's download progress until the returned function is called. */
export function onRuntimeProgress(listener: (progress: RuntimeProgress) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
