import { fileURLToPath } from "node:url";
import { constants as zlibConstants } from "node:zlib";
import { defaultClientConditions, defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";
import { bundledSamplePlugin } from "./vite-plugins/bundled-sample-plugin.js";
import {
  offlineShellPlugin,
  SERVICE_WORKER_ENTRY,
  SERVICE_WORKER_FILE,
} from "./vite-plugins/offline-shell-plugin.js";
import { precompressedPreviewPlugin } from "./vite-plugins/precompressed-preview-plugin.js";
import { runtimeFilesPlugin } from "./vite-plugins/runtime-files-plugin.js";

// Cross-origin isolation lets onnxruntime-web use wasm threads (SharedArrayBuffer). The app only shows
// images from blob: URLs and fetches cross-origin data with CORS, so require-corp blocks nothing it needs.
const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

const WORKSPACE_PACKAGES = fileURLToPath(new URL("../../packages/", import.meta.url));

/** The SDK's workspace packages and every dependency, onnxruntime-web excepted (it has a chunk of its own). */
function isSdkModule(id: string): boolean {
  if (/[\\/]node_modules[\\/]onnxruntime-web[\\/]/.test(id)) return false;
  return id.startsWith(WORKSPACE_PACKAGES) || /[\\/]node_modules[\\/]/.test(id);
}

export default defineConfig({
  // Relative asset URLs: the built app works from any folder of a static host.
  base: "./",
  // Workspace packages are bundled from their TypeScript sources ("source" export condition), with
  // their package.json `browser` maps applied, so the app never depends on stale dist/ builds.
  resolve: { conditions: ["source", ...defaultClientConditions] },
  plugins: [
    bundledSamplePlugin(),
    runtimeFilesPlugin(),
    offlineShellPlugin(),
    // .br and .gz beside every text asset and onnxruntime-web's .wasm (14.2 MB: 3.7 MB gzip, 2.7 MB
    // brotli), so a static host sends them without compressing on the fly; `vite preview` serves them
    // through precompressedPreviewPlugin, real hosts as deploy/ says. Brotli quality 9, not 11: 11 saves
    // 0.3 MB more on the .wasm but turns a 30 s build into 4 minutes (the tests rebuild after each edit).
    compression({
      include: /\.(html|js|mjs|css|json|svg|wasm)$/,
      threshold: 1024,
      algorithms: [
        ["gzip", { level: 9 }],
        ["brotliCompress", { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }],
      ],
      logLevel: "silent",
    }),
    precompressedPreviewPlugin({ headers: isolationHeaders }),
  ],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    target: "es2022",
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL("./index.html", import.meta.url)),
        [SERVICE_WORKER_ENTRY]: fileURLToPath(new URL("./src/offline/service-worker.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === SERVICE_WORKER_ENTRY ? SERVICE_WORKER_FILE : "assets/[name]-[hash].js",
        // onnxruntime-web's thread workers import its chunk (new Worker(import.meta.url)), so that chunk
        // must import nothing that runs the app. By default the bundler puts the helpers chunks share (its
        // `require` shim, which protobufjs and onnxruntime-web both need) in the app's entry chunk. With
        // the SDK and its dependencies in a chunk of their own, those helpers get a "rolldown-runtime"
        // chunk instead. The e2e test checks what the onnxruntime-web chunk imports.
        codeSplitting: { groups: [{ name: "sdk", test: isSdkModule }] },
      },
    },
  },
});
