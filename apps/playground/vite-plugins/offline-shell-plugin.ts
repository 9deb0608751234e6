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

/**
 * Makes the built app work offline: after the bundle is written out, the service worker chunk gets the
 * list of every emitted file (HTML, JS chunks, the onnxruntime .wasm, the sample) and a cache version
 * derived from their hashed names. Models are cached separately, by @mobilenetv1/hub in Cache Storage.
 */
export function offlineShellPlugin(): Plugin {
  return {
    name: "mobilenetv1-offline-shell",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const worker = Object.values(bundle).find((f) => f.fileName === SERVICE_WORKER_FILE);
      if (worker?.type !== "chunk") this.error(`${SERVICE_WORKER_FILE} was not built`);
      const files = Object.keys(bundle)
        .filter((f) => f !== SERVICE_WORKER_FILE && !f.endsWith(".map"))
        .sort();
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      const manifest = JSON.stringify({ version, files: ["./", ...files.map((f) => `./${f}`)] });
      if (!PRECACHE_PLACEHOLDER.test(worker.code)) this.error("precache placeholder missing in the worker");
      // The worker parses a JSON string: the placeholder becomes a string literal holding the manifest.
      worker.code = worker.code.replace(PRECACHE_PLACEHOLDER, () => JSON.stringify(manifest));
    },
  };
}
