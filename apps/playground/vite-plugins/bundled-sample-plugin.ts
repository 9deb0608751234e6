import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

/** The repo's CC0 sample image (samples/README.md), served and emitted as `samples/<name>`, never copied in git. */
const SAMPLES: Record<string, string> = {
  "chelsea.png": fileURLToPath(new URL("../../../samples/chelsea.png", import.meta.url)),
};

/**
 * Serves the repo's sample images at `/samples/<name>` in `vite dev` and emits them into `dist/samples/`
 * on `vite build`, so the app's "Try the sample" button works without a second copy in the repository.
 */
export function bundledSamplePlugin(): Plugin {
  return {
    name: "mobilenetv1-bundled-sample",
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const name = req.url?.match(/^\/samples\/([\w.-]+)$/)?.[1];
        const file = name ? SAMPLES[name] : undefined;
        if (!file) return next();
        res.setHeader("Content-Type", "image/png");
        res.end(await readFile(file));
      });
    },
    async generateBundle() {
      for (const [name, file] of Object.entries(SAMPLES)) {
        this.emitFile({ type: "asset", fileName: `samples/${name}`, source: await readFile(file) });
      }
    },
  };
}
