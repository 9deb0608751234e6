import { fileURLToPath } from "node:url";
import { build, defaultClientConditions } from "vite";

/**
 * Bundles test/browser/page with Vite's JS API, as an app would: workspace packages through their
 * `source` condition, onnxruntime-web's browser ESM bundle, whose .wasm Vite emits as an asset because
 * the bundle refers to it with `new URL("…wasm", import.meta.url)`.
 *
 * @example
 * await buildPage({ outDir: "/tmp/page" }); // writes index.html, assets/*.js, assets/ort-wasm-…wasm
 */
export async function buildPage(params: { outDir: string }): Promise<void> {
  await build({
    root: fileURLToPath(new URL("./page/", import.meta.url)),
    configFile: false,
    logLevel: "warn",
    resolve: { conditions: ["source", ...defaultClientConditions] },
    build: {
      outDir: params.outDir,
      emptyOutDir: true,
      target: "es2022",
      reportCompressedSize: false,
      minify: false,
    },
  });
}
