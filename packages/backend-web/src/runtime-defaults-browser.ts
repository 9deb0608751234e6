// Browser half of the platform defaults (package.json's "browser" field maps runtime-defaults-node.ts here).

/**
 * In browsers, `undefined`: onnxruntime-web's own default, which for the ESM bundle a bundler picks
 * (`onnxruntime-web` → `ort.bundle.min.mjs`) means the glue code is inlined and the .wasm is found through
 * `new URL("ort-wasm-simd-threaded.jsep.wasm", import.meta.url)`, which Vite and webpack 5 emit as an
 * asset next to the app. No CDN is involved (onnxruntime-web 1.30 has no CDN fallback).
 *
 * @example
 * defaultWasmPaths() // undefined
 */
export function defaultWasmPaths(): string | undefined {
  return undefined;
}

/**
 * How many threads the page may use: wasm threads need SharedArrayBuffer, which browsers grant only to
 * cross-origin isolated pages (COOP `same-origin` + COEP `require-corp`); otherwise 1.
 *
 * @example
 * availableThreads() // 8 on an isolated page of an 8-thread laptop, 1 without COOP/COEP
 */
export function availableThreads(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return isolated ? Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1) : 1;
}
