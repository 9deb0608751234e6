// Browser half of "which module is onnxruntime-web's WebAssembly-only build" (see wasm-only-build-node.ts).

/**
 * In browsers, `onnxruntime-web/wasm`: the build with WebAssembly only (`ort-wasm-simd-threaded.wasm`, ~14 MB,
 * 3.7 MB gzipped), half the download of the WebGPU-capable default build.
 *
 * @example
 * (await importWasmOnlyBuild()).env.versions.web // "1.30.0"
 */
export function importWasmOnlyBuild(): Promise<unknown> {
  return import("onnxruntime-web/wasm");
}
