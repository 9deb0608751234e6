import { stat } from "node:fs/promises";
import type { IndexHtmlTransformContext, Plugin } from "vite";

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
    // The built page starts the WebAssembly-only runtime's download itself, before the app's JavaScript
    // has arrived: a `<link rel="preload" as="fetch" crossorigin>` for the hashed file, which the app's own
    // fetch of the same URL (same-origin credentials, CORS mode) then takes over instead of fetching again.
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const href = emittedWasmUrl(ctx);
        if (!href) return undefined;
        return [{ tag: "script", children: preloadScript(href), injectTo: "head-prepend" }];
      },
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

/** The built URL of the WebAssembly-only runtime (`undefined` in `vite dev`, which has no bundle). */
function emittedWasmUrl(ctx: IndexHtmlTransformContext): string | undefined {
  const name = Object.keys(ctx.bundle ?? {}).find((f) =>
    /(^|\/)ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(f),
  );
  return name ? `./${name}` : undefined;
}

/** The global the inline script sets: how it started the runtime's .wasm (read by runtime-wasm-source.ts). */
export const EARLY_WASM_GLOBAL = "__mobilenetv1RuntimeWasm";

/**
 * The global the inline script sets to its `navigator.gpu.requestAdapter()` promise (read by
 * src/model/webgpu-adapter.ts), so the page asks for an adapter once: a second request costs 100–500 ms.
 */
export const EARLY_ADAPTER_GLOBAL = "__mobilenetv1GpuAdapter";

/**
 * An inline script, run before anything else in the page, that starts the WebAssembly-only runtime's .wasm
 * unless the page will start the WebGPU build instead (`?device=webgpu`, or `auto`, the default, with a
 * hardware WebGPU adapter: backend-web's rule). It first asks the HTTP cache alone (`only-if-cached`): a
 * cached file is left to onnxruntime-web's own streaming fetch (Chromium's wasm code cache needs that);
 * otherwise it adds `<link rel="preload" as="fetch" crossorigin>`, whose response the app's fetch of the same
 * URL takes over. `window[EARLY_WASM_GLOBAL]` is a promise of what it did: "cached", "preloaded" or "none";
 * `window[EARLY_ADAPTER_GLOBAL]` its adapter request (a promise of the adapter or null; unset without
 * `navigator.gpu`), asked whatever the device, since the page's device menu names the adapter.
 */
function preloadScript(href: string): string {
  return `(function () {
  var url = new URL(${JSON.stringify(href)}, document.baseURI).href;
  var device = new URLSearchParams(location.search).get("device");
  var start = function () {
    return fetch(url, { cache: "only-if-cached", mode: "same-origin" }).then(function (r) {
      if (r.body) r.body.cancel();
      if (r.ok) return "cached";
      throw new Error("not cached");
    }).catch(function () {
      var link = document.createElement("link");
      link.rel = "preload"; link.as = "fetch"; link.type = "application/wasm"; link.crossOrigin = "anonymous";
      link.href = url;
      document.head.appendChild(link);
      return "preloaded";
    });
  };
  var none = function () { return "none"; };
  var adapter;
  try {
    adapter = navigator.gpu && navigator.gpu.requestAdapter();
  } catch (e) {
    adapter = Promise.reject(e);
  }
  // Marked handled here: with an explicit device nothing below awaits it, and the app reads it later.
  if (adapter) adapter.catch(none);
  if (adapter) window[${JSON.stringify(EARLY_ADAPTER_GLOBAL)}] = adapter;
  window[${JSON.stringify(EARLY_WASM_GLOBAL)}] = device === "webgpu" ? Promise.resolve("none")
    : device === "wasm" || !adapter ? start()
    : adapter.then(function (a) {
        var i = (a && a.info) || {};
        var name = [i.vendor, i.architecture, i.description].join(" ");
        var software = !a || a.isFallbackAdapter || i.isFallbackAdapter ||
          /swiftshader|llvmpipe|lavapipe|softpipe|warp|software/i.test(name);
        return software ? start() : "none";
      }, start).catch(none);
})();`;
}
