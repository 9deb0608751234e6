import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { requireChromium, requireShared, sharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChromiumSession, PHONE, startChromiumSession } from "./chromium-session.js";

// The built playground in Debian's Chromium, its hub endpoint pointed at the mock hub serving ../shared/hf:
// the COCO cats image through keras_mobilenet_v1_0.75_224 must show REFERENCE.json's top-1 (HF's PyTorch
// output). Screenshots for a person to look at go to test/__screenshots__/ (not committed).
const MODEL = "shared/keras_mobilenet_v1_0.75_224";
const folder = requireShared(`hf/${MODEL.slice("shared/".length)}`);
const catsImage = requireShared("images/000000039769.png");
const hasChromium = requireChromium();
const screenshots = fileURLToPath(new URL("./__screenshots__/", import.meta.url));

interface Reference {
  top5: { index: number; label: string; prob: number }[];
}

describe.skipIf(!folder || !catsImage || !hasChromium)(
  "playground in Chromium (built app, mock hub)",
  { timeout: 240_000 },
  () => {
    let session: ChromiumSession;
    let reference: Reference;
    const pageUrl = (model = MODEL) =>
      `${session.app.url}/?${new URLSearchParams({ hub: session.hub.url, model, device: "wasm" })}`;
    const open: ChromiumSession["open"] = (params) => session.open(params);
    const shoot: ChromiumSession["shoot"] = (...args) => session.shoot(...args);
    const resultFor: ChromiumSession["resultFor"] = (...args) => session.resultFor(...args);

    beforeAll(async () => {
      reference = JSON.parse(await readFile(join(folder!, "REFERENCE.json"), "utf8")) as Reference;
      session = await startChromiumSession({ sharedDir: sharedDir(), screenshots });
    }, 180_000);

    afterAll(async () => {
      await session?.close();
    });

    it("keeps onnxruntime-web's chunks free of app code (their thread workers import them)", async () => {
      const assets = await readdir(join(session.dist, "assets"));
      // One chunk per build: WebAssembly-only (device wasm) and WebGPU-capable (device webgpu).
      const ort = assets.filter((f) => /^ort\.(wasm\.)?bundle.*\.js$/.test(f));
      expect(ort, assets.join(", ")).toHaveLength(2);
      for (const chunk of ort) {
        const code = await readFile(join(session.dist, "assets", chunk), "utf8");
        const imports = [...code.matchAll(/(?:import|from)\s*["'`]\.\/([^"'`]+)["'`]/g)].map((m) => m[1]);
        // Only the bundler's helper chunk (definitions, no side effects); see codeSplitting in vite.config.ts.
        expect(
          imports.every((f) => /^rolldown-runtime-[\w-]+\.js$/.test(f!)),
          `${chunk}: ${imports.join(", ")}`,
        ).toBe(true);
      }
    });

    it("downloads keras_mobilenet_v1_0.75_224 from the hub endpoint and shows REFERENCE.json's top-1 for the cats image", async () => {
      const page = await open({ url: pageUrl() });
      await page.setInputFiles("#image-file", catsImage!);
      const result = await resultFor(page, "000000039769.png");
      const top1 = reference.top5[0]!;
      expect(result.labels[0]).toBe(top1.label); // "tabby, tabby cat"
      expect(result.shown[0]).toBe(`${(top1.prob * 100).toFixed(2)}%`); // "79.19%"
      expect(result.labels).toEqual(reference.top5.map((p) => p.label));
      for (const [i, p] of reference.top5.entries()) expect(result.scores[i]).toBeCloseTo(p.prob, 4);
      // The crop drawn is HF's: 341×256 after resize, 224×224 at left 58, top 16 (REFERENCE.json "preprocessing").
      expect(await page.locator("#crop-overlay").getAttribute("data-region")).toBe(
        [58 / 341, 16 / 256, 282 / 341, 240 / 256].map((v) => v.toFixed(4)).join(","),
      );
      expect(result.timings["Ran on"]).toMatch(/^wasm · \d+ threads?$/);
      expect(result.timings["Download + load"]).toMatch(/^\d+(\.\d)? ms \(10\.\d MB downloaded\)$/);
      expect(result.timings["Inference"]).toMatch(/^\d+(\.\d)? ms$/);
      expect(await page.locator("#model-status-text").textContent()).toContain(
        `Loaded ${MODEL} (1000 labels) on wasm`,
      );
      expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
      expect(session.hub.downloads("model.safetensors", MODEL)).toBe(1);
      await shoot(page, "desktop-cats");
      await page.close();
    });

    it("gives every control a name and explains a file that is not an image", async () => {
      const page = await open({ url: pageUrl() });
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("input, select, button, textarea")]
          .filter((el) => !el.hidden)
          .filter((el) => {
            const labelled = "labels" in el && (el as HTMLInputElement).labels?.length;
            return (
              !labelled &&
              !el.getAttribute("aria-label") &&
              !el.getAttribute("aria-labelledby") &&
              !el.textContent?.trim()
            );
          })
          .map((el) => el.outerHTML),
      );
      expect(unnamed).toEqual([]);
      await page.setInputFiles("#image-file", {
        name: "not-an-image.png",
        mimeType: "image/png",
        buffer: Buffer.from("this is a text file, not a PNG"),
      });
      const error = page.locator("#error");
      await error.waitFor({ state: "visible", timeout: 90_000 });
      expect(await error.locator("strong").textContent()).toBe("Unsupported image");
      expect(await error.getAttribute("role")).toBe("alert");
      expect(await page.locator("#predictions li").count()).toBe(0);
      await shoot(page, "desktop-invalid-file");
      await page.close();
    });

    it("says a model that is not on the hub was not found", async () => {
      const page = await open({ url: pageUrl("shared/no_such_model") });
      const error = page.locator("#error");
      await error.waitFor({ state: "visible", timeout: 60_000 });
      expect(await error.locator("strong").textContent()).toBe("Model not found");
      expect(await page.locator("#model-status-text").textContent()).toContain(
        "Could not load shared/no_such_model",
      );
      await shoot(page, "desktop-model-not-found");
      await page.close();
    });

    it("fits a phone screen and classifies the bundled sample", async () => {
      const page = await open({ url: pageUrl(), viewport: PHONE });
      await page.getByRole("button", { name: /Try the sample/ }).click();
      const result = await resultFor(page, "Chelsea the cat (sample, CC0)");
      expect(result.labels).toHaveLength(5);
      expect(result.timings["Download + load"]).toContain("from browser cache"); // loaded by the first test
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await shoot(page, "phone-sample");
      await shoot(page, "phone-first-screen", false);
      await page.close();
    });

    it("takes an image dropped on the page, a pasted one, and one by URL", async () => {
      const page = await open({ url: pageUrl() });
      // A File in a DataTransfer, as the browser hands over a dragged or pasted image.
      const give = (event: "drop" | "paste", name: string) =>
        page.evaluate(
          async ({ event, name }) => {
            const blob = await (await fetch("./samples/chelsea.png")).blob();
            const data = new DataTransfer();
            data.items.add(new File([blob], name, { type: "image/png" }));
            const init = { bubbles: true, cancelable: true };
            document.body.dispatchEvent(
              event === "drop"
                ? new DragEvent("drop", { ...init, dataTransfer: data })
                : new ClipboardEvent("paste", { ...init, clipboardData: data }),
            );
          },
          { event, name },
        );
      await give("drop", "dropped.png");
      expect((await resultFor(page, "dropped.png")).labels).toHaveLength(5);
      await give("paste", "pasted.png");
      expect((await resultFor(page, "pasted.png")).labels).toHaveLength(5);
      const url = `${session.app.url}/samples/chelsea.png`;
      await page.getByLabel("Image URL").fill(url);
      await page.getByRole("button", { name: "Classify", exact: true }).click();
      const byUrl = await resultFor(page, url);
      expect(byUrl.labels).toEqual((await resultFor(page, url)).labels);
      await page.close();
    });

    it("classifies the webcam live (Chromium's fake camera)", async () => {
      const page = await open({ url: pageUrl() });
      await page.getByRole("button", { name: "Start webcam" }).click();
      await page.locator('#result[data-camera="live"]').waitFor({ timeout: 60_000 });
      const result = await resultFor(page, "webcam");
      expect(result.labels).toHaveLength(5);
      await shoot(page, "desktop-webcam");
      await page.getByRole("button", { name: "Stop webcam" }).click();
      expect(await page.locator("#camera-button").getAttribute("aria-pressed")).toBe("false");
      await page.close();
    });

    it("loads a checkpoint folder picked from disk (local:<folder>) and says which model ran", async () => {
      const page = await open({ url: pageUrl() });
      const localFolder = requireShared("hf/keras_mobilenet_v1_0.25_224")!;
      await page.setInputFiles("#model-folder", localFolder);
      await expect
        .poll(() => page.locator("#model-id").inputValue())
        .toBe("local:keras_mobilenet_v1_0.25_224");
      await page.locator('#model-status[data-state="loaded"]').waitFor({ timeout: 60_000 });
      await page.setInputFiles("#image-file", catsImage!);
      const result = await resultFor(page, "000000039769.png");
      expect(result.labels).toHaveLength(5);
      expect(result.timings["Model"]).toBe("local:keras_mobilenet_v1_0.25_224");
      expect(result.timings["Download + load"]).toContain("(local folder)");
      expect(new URL(page.url()).searchParams.has("model")).toBe(false); // a local folder is not linkable
      await page.close();
    });

    it("works offline once the model was loaded: app from its service worker, model from Cache Storage", async () => {
      const page = await open({ url: pageUrl() });
      await page.locator('#model-status[data-state="loaded"]').waitFor({ timeout: 60_000 });
      const worker = await page.evaluate(async () => {
        const registration = await Promise.race([
          navigator.serviceWorker.ready,
          new Promise<undefined>((resolve) => setTimeout(resolve, 30_000)),
        ]);
        if (registration && !navigator.serviceWorker.controller)
          await new Promise((resolve) =>
            navigator.serviceWorker.addEventListener("controllerchange", resolve),
          );
        return { ready: !!registration, controlled: !!navigator.serviceWorker.controller };
      });
      expect(worker, session.consoleLines.join("\n")).toEqual({ ready: true, controlled: true });
      await session.app.close();
      await session.hub.close();
      await session.context.setOffline(true);
      await page.reload();
      await page.setInputFiles("#image-file", catsImage!);
      const result = await resultFor(page, "000000039769.png");
      expect(result.labels[0]).toBe(reference.top5[0]!.label);
      expect(result.timings["Download + load"]).toContain("from browser cache");
      await shoot(page, "desktop-offline");
      await page.close();
    });
  },
);
