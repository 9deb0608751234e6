import { writeFileSync } from "node:fs";

// A plain browser build of web/; the plugin records every module that ended up in the bundle
// (modules.json) so the test can prove no Node-only module (sharp, node:*, onnxruntime-node) got in.
export default {
  root: "web",
  logLevel: "warn",
  build: { outDir: "../dist-web", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
  plugins: [
    {
      name: "record-bundled-modules",
      generateBundle(_options, bundle) {
        const ids = Object.values(bundle).flatMap((chunk) => (chunk.type === "chunk" ? chunk.moduleIds : []));
        writeFileSync("modules.json", JSON.stringify([...new Set(ids)].sort(), null, 1));
      },
    },
  ],
};
