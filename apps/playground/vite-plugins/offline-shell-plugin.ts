import { createHash } from "node:crypto";
import type { Plugin } from "vite";

/** The service worker's entry name and output file (at the root, so its scope is the whole app). */
export const SERVICE_WORKER_ENTRY = "service-worker";
export const SERVICE_WORKER_FILE = "sw.js";
/**
 * The string literal the built service worker parses, replaced by the list of files to precache (the
 * minifier may requote it with ' or `).
 */
const PRECACHE_PLACEHOLDER = /(["'`])__PRECACHE_MANIFEST__\1/;
/** onnxruntime-web's runtime binaries as emitted (`assets/ort-wasm-simd-threaded[.jsep]-<hash>.wasm`). */
const RUNTIME_WASM = /(^|\/)ort-wasm-[\w.-]+\.wasm$/;

/**
 * Makes the built app work offline: after the bundle is written out, the service worker chunk gets the
 * list of every emitted file to precache (HTML, JS chunks, the sample; not the .br/.gz copies), the
 * onnxruntime .wasm files to cache once used, and a cache version derived from their hashed names. Models
 * are cached separately, by @mobilenetv1/hub in Cache Storage.
 */
export function offlineShellPlugin(): Plugin {
  return {
    name: "mobilenetv1-offline-shell",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const worker = Object.values(bundle).find((f) => f.fileName === SERVICE_WORKER_FILE);
      if (worker?.type !== "chunk") this.error(`${SERVICE_WORKER_FILE} was not built`);
      const names = Object.keys(bundle)
        .filter((f) => f !== SERVICE_WORKER_FILE && !/\.(map|br|gz)$/.test(f) && !f.startsWith("_"))
        .sort();
      // onnxruntime-web's .wasm files (14 and 28 MB) are cached when the page uses one, not precached:
      // a page that never runs on WebGPU never downloads its build.
      const lazy = names.filter((f) => RUNTIME_WASM.test(f));
      const files = names.filter((f) => !RUNTIME_WASM.test(f));
      const version = createHash("sha256").update(names.join("\n")).digest("hex").slice(0, 12);
      const manifest = JSON.stringify({
        version,
        files: ["./", ...files.map((f) => `./${f}`)],
        lazy: lazy.map((f) => `./${f}`),
      });
      if (!PRECACHE_PLACEHOLDER.test(worker.code)) this.error("precache placeholder missing in the worker");
      // The worker parses a JSON string: the placeholder becomes a string literal holding the manifest.
      worker.code = worker.code.replace(PRECACHE_PLACEHOLDER, () => JSON.stringify(manifest));
    },
  };
}
