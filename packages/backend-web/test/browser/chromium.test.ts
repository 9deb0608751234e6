import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  requireChromium,
  requireShared,
  sharedDir,
} from "@mobilenetv1/test-support/shared-dir";
import { startStaticServer } from "@mobilenetv1/test-support/static-server";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readHfReference } from "../hf-reference.js";
import { buildPage } from "./build-page.js";
import type { PageResult } from "./page/main.js";

// A Vite-bundled page, in Debian's Chromium, classifies the COCO cats image with backend-web's wasm device
// twice — from HF's reference pixel values, and from the PNG decoded and preprocessed in the page by
// @mobilenetv1/image-processor — and must get REFERENCE.json's top-5 both times.
const folder = requireShared("hf/keras_mobilenet_v1_0.75_224");
const hasChromium = requireChromium();
const screenshots = fileURLToPath(new URL("./__screenshots__/", import.meta.url));

describe.skipIf(!folder || !hasChromium)("backend-web in Chromium (Vite bundle, wasm device)", () => {
  it("classifies the cats image with the reference top-5", { timeout: 120_000 }, async () => {
    const { reference } = await readHfReference({ dir: folder! });
    const work = await mkdtemp(join(tmpdir(), "backend-web-chromium-"));
    const outDir = join(work, "page");
    await buildPage({ outDir });
    const emitted = await readdir(join(outDir, "assets"));
    // Both builds are emitted; which one a page fetches depends on the device it runs on.
    expect(
      emitted.filter((f) => /^ort-wasm-simd-threaded(\.jsep)?-.*\.wasm$/.test(f)),
      emitted.join(", "),
    ).toHaveLength(2);

    const server = await startStaticServer({
      routes: {
        "/": `${outDir}/`,
        "/fixtures/model/": `${folder}/`,
        "/fixtures/pixel_values.bin": join(folder!, "reference_pixel_values.bin"),
        "/fixtures/cats.png": join(sharedDir(), "images/000000039769.png"),
      },
    });
    const context = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 900, height: 420 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const consoleLines: string[] = [];
      page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      const offOrigin: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
          offOrigin.push(r.url());
      });
      await page.goto(`${server.url}/`);
      await page
        .waitForFunction(() => "__result" in window, undefined, { timeout: 60_000 })
        .catch(async (error: Error) => {
          await mkdir(screenshots, { recursive: true });
          await page.screenshot({ path: join(screenshots, "chromium-wasm-cats.png") });
          throw new Error(
            `${error.message}\npage console:\n${consoleLines.join("\n")}\nrequests: ${server.requests.join(" ")}`,
          );
        });
      const result = (await page.evaluate(
        () => (window as unknown as { __result: PageResult }).__result,
      )) as PageResult;
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, "chromium-wasm-cats.png") });

      expect(result.error, consoleLines.join("\n")).toBeUndefined();
      expect(result.device).toBe("wasm");
      expect(result.crossOriginIsolated).toBe(true);
      expect(result.top5!.map((p) => [p.index, p.label])).toEqual(
        reference.top5.map((p) => [p.index, p.label]),
      );
      for (const [i, p] of result.top5!.entries()) expect(p.score).toBeCloseTo(reference.top5[i]!.prob, 4);
      // The same image decoded and preprocessed in the page by @mobilenetv1/image-processor.
      expect(result.decoded?.error).toBeUndefined();
      expect(result.decoded!.top5!.map((p) => [p.index, p.label])).toEqual(
        reference.top5.map((p) => [p.index, p.label]),
      );
      expect(result.decoded!.maxPixelDiff).toBeLessThanOrEqual(1e-6); // REFERENCE.json's pixel_values_atol
      // Chromium runs with --disable-gpu: device "webgpu" must either start or say why it did not.
      if (!result.webgpu?.device)
        expect(result.webgpu?.failures).toEqual([
          { backend: "web:webgpu", reason: expect.stringMatching(/\S/) },
        ]);
      expect(offOrigin).toEqual([]); // everything, the .wasm included, came from the app's own server
      // device "wasm" fetched the WebAssembly-only build's .wasm; the WebGPU-capable one only if WebGPU got
      // past the adapter check (it is the build device "webgpu" runs on).
      const wasmFetched = server.requests.filter((r) => r.endsWith(".wasm"));
      expect(
        wasmFetched.some((r) => /\/ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(r)),
        wasmFetched.join(),
      ).toBe(true);
      if (result.webgpu?.failures?.[0]?.reason.startsWith("navigator.gpu"))
        expect(
          wasmFetched.some((r) => r.includes(".jsep")),
          wasmFetched.join(),
        ).toBe(false);
      console.log(
        `chromium webgpu: ${JSON.stringify(result.webgpu)}; decoded: ${JSON.stringify(result.decoded)}`,
      );
      console.log(
        `chromium: ${result.numThreads} thread(s), load ${result.loadMs!.toFixed(0)} ms, forward ${result.forwardMs!.toFixed(1)} ms`,
      );
    } finally {
      await context.close();
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
