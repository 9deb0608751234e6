import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

// Node half of the platform defaults; package.json's "browser" field swaps in runtime-defaults-browser.ts
// for bundlers, so no Node module reaches a browser build.

/**
 * Where onnxruntime-web's .mjs/.wasm files are in Node: the installed package's own `dist/` folder, as a
 * `file:` URL prefix. Nothing is fetched from a network.
 *
 * @example
 * defaultWasmPaths() // "file:///…/node_modules/onnxruntime-web/dist/"
 */
export function defaultWasmPaths(): string | undefined {
  const wasmFile = createRequire(import.meta.url).resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm");
  return pathToFileURL(`${dirname(wasmFile)}/`).href;
}

/**
 * How many threads the platform lets wasm use: Node has worker threads and SharedArrayBuffer, so every
 * logical core.
 *
 * @example
 * availableThreads() // 2 on a 2-core machine
 */
export function availableThreads(): number {
  return availableParallelism();
}
