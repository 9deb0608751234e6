// Node half of "which module is onnxruntime-web's WebAssembly-only build"; package.json's "browser" field
// swaps in wasm-only-build-browser.ts for bundlers.

/**
 * In Node, `onnxruntime-web` itself: its `node` export is already the WebAssembly-only build, and it reads
 * the .wasm with `fs` (the browser bundle behind `onnxruntime-web/wasm` would `fetch` a `file:` URL, which
 * Node's fetch refuses).
 *
 * @example
 * (await importWasmOnlyBuild()).env.versions.web // "1.30.0"
 */
export function importWasmOnlyBuild(): Promise<unknown> {
  return import("onnxruntime-web");
}
