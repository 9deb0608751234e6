import { stat } from "node:fs/promises";
import type { Plugin } from "vite";

/**
 * backend-web's RUNTIME_WASM_FILES, repeated because Vite loads this config in plain Node, where workspace
 * packages resolve to their (maybe unbuilt) dist/. The app checks at run time that the file backend-web
 * asks for is the one named here (runtime-download.ts).
 */
const RUNTIME_WASM_FILES = {
  wasm: "ort-wasm-simd-threaded.wasm",
  webgpu: "ort-wasm-simd-threaded.jsep.wasm",
} as const;

/** The module the app imports to learn where each onnxruntime-web build's .wasm was emitted, and its size. */
export const RUNTIME_FILES_MODULE = "virtual:ort-runtime-files";
const RESOLVED = `\0${RUNTIME_FILES_MODULE}`;

/**
 * Provides `virtual:ort-runtime-files`: for each device, the URL of its onnxruntime-web .wasm as emitted by
 * the build (hashed, beside the app) and its size in bytes. The app downloads that file itself, so it can
 * show bytes received of a known total while the runtime's JavaScript loads, then hands the bytes to
 * backend-web (`loadWasmBinary`). The files are found from backend-web, which depends on onnxruntime-web
 * (the app does not).
 */
export function runtimeFilesPlugin(): Plugin {
  return {
    name: "mobilenetv1-ort-runtime-files",
    resolveId(id) {
      return id === RUNTIME_FILES_MODULE ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const backendWeb = await this.resolve("@mobilenetv1/backend-web");
      if (!backendWeb) this.error("@mobilenetv1/backend-web cannot be resolved");
      const lines: string[] = [];
      const entries: string[] = [];
      for (const [device, file] of Object.entries(RUNTIME_WASM_FILES)) {
        const resolved = await this.resolve(`onnxruntime-web/${file}`, backendWeb.id);
        if (!resolved) this.error(`onnxruntime-web/${file} cannot be resolved from backend-web`);
        const { size } = await stat(resolved.id);
        lines.push(`import ${device}Url from ${JSON.stringify(`${resolved.id}?url`)};`);
        entries.push(`${device}: { file: ${JSON.stringify(file)}, url: ${device}Url, bytes: ${size} }`);
      }
      return `${lines.join("\n")}\nexport const RUNTIME_FILES = { ${entries.join(", ")} };\n`;
    },
  };
}
