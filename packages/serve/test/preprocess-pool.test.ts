// The worker-thread preprocessing pool, from the built package (the worker script is compiled JavaScript):
// the same pixel values as the processor on the main thread, and typed errors that keep their code.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";

const DIST = path.resolve(import.meta.dirname, "../dist/preprocess-pool.js");
const PNG = readFileSync(path.resolve(import.meta.dirname, "../../../samples/chelsea.png"));

describe("createPreprocessPool (built)", () => {
  it("matches main-thread preprocessing and reports bad images with their typed code", async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build the package first (pnpm build)`);
    const { createPreprocessPool } = (await import(DIST)) as typeof import("../src/preprocess-pool.js");
    const processor = new MobileNetV1ImageProcessor();
    const pool = createPreprocessPool({
      configText: processor.toConfigText(),
      threads: 2,
      maxImagePixels: 100_000 * 100,
    });
    try {
      const [a, b] = await Promise.all([
        pool.preprocess({ images: [PNG] }),
        pool.preprocess({ images: [PNG, PNG] }),
      ]);
      const local = (await processor.preprocess(PNG)).pixelValues;
      expect(a.dims).toEqual(local.dims);
      expect(Array.from(a.data)).toEqual(Array.from(local.data));
      expect(b.dims).toEqual([2, ...local.dims.slice(1)]);
      const error = await pool.preprocess({ images: [new Uint8Array([1, 2, 3])] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "IMAGE_DECODE", source: "<3 bytes>" });
      const small = createPreprocessPool({
        configText: processor.toConfigText(),
        threads: 1,
        maxImagePixels: 10,
      });
      await expect(small.preprocess({ images: [PNG] })).rejects.toMatchObject({
        code: "IMAGE_TOO_LARGE",
        limit: 10,
      });
      await small.close();
    } finally {
      await pool.close();
    }
  });
});
