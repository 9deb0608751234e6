import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { requireChromium, requireShared, sharedDir } from "@mobilenetv1/test-support/shared-dir";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChromiumSession, DESKTOP, PHONE, startChromiumSession } from "./chromium-session.js";
import { FAILING_GPU, SOFTWARE_GPU, stubWebGpu, webGpuCalls } from "./webgpu-stub.js";

// Issue #17, "keeping the user oriented": each item of the issue has a test here, in the built app in
// Debian's Chromium (started with --disable-gpu: no WebGPU adapter unless a test stubs navigator.gpu),
// its hub endpoint pointed at the mock hub serving ../shared/hf.
const MODEL = "shared/keras_mobilenet_v1_0.75_224";
const SMALL = "shared/keras_mobilenet_v1_0.25_224";
const TFSLIM = "shared/tfslim_mobilenet_v1_0.25_224";
const SAMPLE = "Chelsea the cat (sample, CC0)";
const folder = requireShared(`hf/${MODEL.slice("shared/".length)}`);
const catsImage = requireShared("images/000000039769.png");
const hasChromium = requireChromium();
const screenshots = fileURLToPath(new URL("./__screenshots__/", import.meta.url));

/** Whether the element's box lies inside the viewport (`boundingBox` is relative to it). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const view = page.viewportSize()!;
  return (
    !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width
  );
}

describe.skipIf(!folder || !catsImage || !hasChromium)(
  "playground keeps the user oriented (built app in Chromium, mock hub)",
  { timeout: 240_000 },
  () => {
    let session: ChromiumSession;
    let top1: string;
    const pageUrl = (params: { model?: string; device?: string } = {}) => {
      const query = new URLSearchParams({ hub: session.hub.url, model: params.model ?? MODEL });
      if (params.device) query.set("device", params.device);
      return `${session.app.url}/?${query}`;
    };
    const error = (page: Page) => page.locator("#error strong");
    const loaded = (page: Page) =>
      page.locator('#model-status[data-state="loaded"]').waitFor({ timeout: 90_000 });

    beforeAll(async () => {
      const reference = JSON.parse(await readFile(join(folder!, "REFERENCE.json"), "utf8")) as {
        top5: { label: string }[];
      };
      top1 = reference.top5[0]!.label;
      session = await startChromiumSession({ sharedDir: sharedDir(), screenshots });
    }, 180_000);

    afterAll(async () => {
      await session?.close();
    });

    it("on a phone, shows the download progress and then the top label in view right after an image is chosen", async () => {
      // A model not downloaded yet, its weights held back, so the image waits for it.
      session.hub.fault({ route: "content", file: "model.safetensors", delayMs: 3_000 });
      const page = await session.open({ url: pageUrl({ model: SMALL }), viewport: PHONE });
      // The user went down to the model panel first (its bar is a screen below the result panel), then
      // dropped or pasted an image: the result comes into view.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await inViewport(page, "#result-summary")).toBe(false);
      await page.setInputFiles("#image-file", catsImage!);
      await page.locator("#result-progress").waitFor({ state: "visible", timeout: 30_000 });
      expect(await page.locator("#model-status").getAttribute("data-state")).toBe("loading");
      expect(await inViewport(page, "#result-progress")).toBe(true);
      expect(await inViewport(page, "#result-summary")).toBe(true);
      await session.shoot(page, "phone-progress", false);
      const result = await session.resultFor(page, "000000039769.png");
      expect(await page.locator("#result-progress").isVisible()).toBe(false);
      expect(await inViewport(page, "#predictions li:first-child .label")).toBe(true);
      expect(await inViewport(page, "#predictions li:first-child .score")).toBe(true);
      // Auto with no adapter (--disable-gpu) runs on wasm and says so.
      expect(result.timings["Ran on"]).toMatch(/^auto → wasm · \d+ threads?$/);
      await session.shoot(page, "phone-answer", false);
      await page.close();
    });

    it("offers WebGPU only with an adapter: none under --disable-gpu, though navigator.gpu exists", async () => {
      const page = await session.open({ url: pageUrl({ device: "webgpu" }) });
      expect(await page.evaluate(() => "gpu" in navigator)).toBe(true);
      await expect.poll(() => page.locator("#device-hint").textContent()).toContain("no WebGPU adapter");
      expect(
        await page.locator("#device option").evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value)),
      ).toEqual(["auto", "wasm"]);
      // A link asking for WebGPU still loads, on wasm, and says why.
      await loaded(page);
      expect(await page.locator("#notice").textContent()).toContain("WebGPU could not start");
      expect(await page.locator("#device").inputValue()).toBe("wasm");
      expect(await page.locator("#model-status-text").textContent()).toMatch(/ on wasm · \d+ threads?/);
      await page.close();
    });

    it("in Auto, skips a software adapter (SwiftShader) and runs on wasm; the menu calls it slow", async () => {
      const page = await session.context.newPage();
      await stubWebGpu(page, SOFTWARE_GPU);
      await page.setViewportSize(DESKTOP);
      await page.goto(pageUrl());
      await loaded(page);
      expect(await page.locator("#model-status-text").textContent()).toMatch(
        / on auto → wasm · \d+ threads?/,
      );
      expect((await webGpuCalls(page)).requestDevice).toBe(0); // WebGPU was never started
      expect(await page.locator('#device option[value="webgpu"]').textContent()).toBe(
        "WebGPU (software, slow)",
      );
      expect(await page.locator("#device-hint").textContent()).toContain(
        "software adapter (SwiftShader Device",
      );
      await page.close();
    });

    it("after a failed switch to WebGPU, classifies the image again on wasm and says why", async () => {
      const page = await session.context.newPage();
      await stubWebGpu(page, FAILING_GPU);
      await page.setViewportSize(DESKTOP);
      await page.goto(pageUrl({ device: "wasm" }));
      await page.setInputFiles("#image-file", catsImage!);
      const before = await session.resultFor(page, "000000039769.png");
      expect(await page.locator('#device option[value="webgpu"]').textContent()).toBe("WebGPU (GPU)");
      expect(await page.locator("#device-hint").textContent()).toContain("NVIDIA GeForce RTX 3060");
      await page.selectOption("#device", "webgpu");
      await page.locator("#notice").waitFor({ state: "visible", timeout: 90_000 });
      const after = await session.resultFor(page, "000000039769.png");
      expect(await page.locator("#notice strong").textContent()).toBe("WebGPU could not start");
      expect(await page.locator("#notice").textContent()).toMatch(/runs on wasm · \d+ threads? instead/);
      expect(after.labels).toEqual(before.labels);
      expect(after.labels[0]).toBe(top1);
      expect(after.timings["Ran on"]).toMatch(/^wasm · \d+ threads?$/);
      expect(await page.locator("#device").inputValue()).toBe("wasm");
      expect(new URL(page.url()).searchParams.get("device")).toBe("wasm");
      expect(await page.locator("#error").isVisible()).toBe(false);
      await session.shoot(page, "desktop-webgpu-fallback");
      await page.close();
    });

    it("restores the last image with its crop square and labels when the webcam stops, or the placeholder", async () => {
      const page = await session.open({ url: pageUrl({ device: "wasm" }) });
      const stage = page.locator("#stage");
      // No image before: the placeholder, not a black video box.
      await page.getByRole("button", { name: "Start webcam" }).click();
      await session.resultFor(page, "webcam");
      await page.getByRole("button", { name: "Stop webcam" }).click();
      expect(await stage.getAttribute("data-empty")).toBe("true");
      expect(await page.locator("#camera").isVisible()).toBe(false);
      expect(await page.locator("#crop-overlay").isVisible()).toBe(false);
      expect(await page.locator("#predictions li").count()).toBe(0);
      expect(await page.locator("#result-summary").textContent()).toBe("");
      expect(await page.locator(".stage-placeholder").isVisible()).toBe(true);

      await page.getByRole("button", { name: /Try the sample/ }).click();
      const sample = await session.resultFor(page, SAMPLE);
      const region = await page.locator("#crop-overlay").getAttribute("data-region");
      await page.getByRole("button", { name: "Start webcam" }).click();
      await session.resultFor(page, "webcam");
      await page.getByRole("button", { name: "Stop webcam" }).click();
      const restored = await session.resultFor(page, SAMPLE);
      expect(restored.labels).toEqual(sample.labels);
      expect(restored.shown).toEqual(sample.shown);
      expect(await page.locator("#crop-overlay").getAttribute("data-region")).toBe(region);
      expect(await page.locator("#crop-overlay").isVisible()).toBe(true);
      expect(await page.locator("#preview-image").isVisible()).toBe(true);
      expect(await page.locator("#camera").isVisible()).toBe(false);
      expect(
        await page
          .locator("#preview-image")
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).toBe(true);
      await session.shoot(page, "desktop-webcam-stopped");
      await page.close();
    });

    it("checks a model id and an image URL before loading anything, and names a non-image answer's type", async () => {
      const page = await session.open({ url: pageUrl({ device: "wasm" }) });
      await loaded(page);
      for (const id of ["mobilenet", "google/mobile net", "a/b/c"]) {
        await page.getByLabel("Checkpoint (Hugging Face repo id)").fill(id);
        await page.getByRole("button", { name: "Load model" }).click();
        await expect.poll(() => error(page).textContent()).toBe("Not a model id");
        expect(await page.locator("#model-id").getAttribute("aria-invalid")).toBe("true");
        expect(session.hub.requests.some((r) => r.repoId === id)).toBe(false);
      }
      expect(await page.locator("#model-status-text").textContent()).toContain(`Loaded ${MODEL}`);

      await page.getByRole("button", { name: /Try the sample/ }).click();
      await session.resultFor(page, SAMPLE);
      const fetched = session.app.requests.length;
      await page.getByLabel("Image URL").fill("samples/chelsea.png");
      await page.getByRole("button", { name: "Classify", exact: true }).click();
      await expect.poll(() => error(page).textContent()).toBe("Not an image URL");
      expect(session.app.requests.slice(fetched)).toEqual([]); // nothing was fetched
      // The previous result is gone with it: labels, crop square, image.
      const cleared = async () => {
        expect(await page.locator("#predictions li").count()).toBe(0);
        expect(await page.locator("#crop-overlay").isVisible()).toBe(false);
        expect(await page.locator("#preview-image").isVisible()).toBe(false);
        expect(await page.locator("#stage").getAttribute("data-empty")).toBe("true");
      };
      await cleared();

      const answers = [
        [`${session.app.url}/index.html`, "text/html; charset=utf-8"],
        [`${session.hub.url}/api/models/${MODEL}/revision/main`, "application/json"],
      ] as const;
      for (const [url, type] of answers) {
        await page.getByRole("button", { name: /Try the sample/ }).click();
        await session.resultFor(page, SAMPLE);
        await page.getByLabel("Image URL").fill(url);
        await page.getByRole("button", { name: "Classify", exact: true }).click();
        await expect.poll(() => error(page).textContent()).toBe("The URL is not an image");
        expect(await page.locator("#error").textContent()).toContain(type);
        await cleared();
      }
      await session.shoot(page, "desktop-not-an-image-url");
      await page.close();
    });

    it("keeps the working model when another fails to load (404, hub 5xx, corrupt download, offline)", async () => {
      const page = await session.open({ url: pageUrl({ device: "wasm" }) });
      await page.getByRole("button", { name: /Try the sample/ }).click();
      const first = await session.resultFor(page, SAMPLE);
      const tryModel = async (id: string, title: string | RegExp) => {
        await page.getByLabel("Checkpoint (Hugging Face repo id)").fill(id);
        await page.getByRole("button", { name: "Load model" }).click();
        await expect.poll(() => error(page).textContent(), { timeout: 60_000 }).toMatch(title);
        const status = await page.locator("#model-status-text").textContent();
        expect(status).toContain(`Could not load ${id}`);
        expect(status).toContain(`Still using ${MODEL}`);
        expect(await page.locator("#model-id").inputValue()).toBe(MODEL);
        expect(new URL(page.url()).searchParams.get("model")).toBe(MODEL);
        // The image on screen is classified again, by the model that works.
        const again = await session.resultFor(page, SAMPLE);
        expect(again.labels).toEqual(first.labels);
        expect(again.timings["Model"]).toBe(`${MODEL}@main`);
      };
      await tryModel("shared/no_such_model", "Model not found");
      for (const route of ["revision", "paths-info", "tree", "resolve"] as const) {
        session.hub.fault({ route, status: 503, times: 100 });
      }
      await tryModel(TFSLIM, "The hub returned an error (HTTP 503)");
      session.hub.clearFaults();
      session.hub.fault({ route: "content", file: "model.safetensors", corrupt: true, times: 100 });
      await tryModel(TFSLIM, "Download corrupted");
      session.hub.clearFaults();
      await session.context.setOffline(true);
      try {
        await tryModel(TFSLIM, /offline/i);
      } finally {
        await session.context.setOffline(false);
      }
      // The next image still classifies, with the model that worked.
      await page.setInputFiles("#image-file", catsImage!);
      const cats = await session.resultFor(page, "000000039769.png");
      expect(cats.labels[0]).toBe(top1);
      expect(cats.timings["Model"]).toBe(`${MODEL}@main`);
      await session.shoot(page, "desktop-model-kept");
      await page.close();
    });

    it("shows the backend menu's text whole, and a focus ring that is not the error colour", async () => {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await session.open({ url: pageUrl({ device: "wasm" }), viewport });
        await expect.poll(() => page.locator("#device-hint").textContent()).toContain("no WebGPU adapter");
        const fits = await page.locator("#device").evaluate((select: HTMLSelectElement) => {
          const style = getComputedStyle(select);
          const context = document.createElement("canvas").getContext("2d")!;
          context.font = style.font;
          // The text box: the select's width minus its padding and the drop-down arrow (about 1.5em).
          const room =
            select.clientWidth -
            Number.parseFloat(style.paddingLeft) -
            Number.parseFloat(style.paddingRight) -
            24;
          return {
            scroll: select.scrollWidth <= select.clientWidth,
            options: [...select.options].map((o) => ({
              text: o.text,
              fits: context.measureText(o.text).width <= room,
            })),
          };
        });
        expect(fits.scroll).toBe(true);
        for (const option of fits.options)
          expect(option, JSON.stringify(viewport)).toMatchObject({ fits: true });

        // An invalid id: the error box is red, the focused field's ring is the accent blue.
        await page.getByLabel("Checkpoint (Hugging Face repo id)").fill("not a model");
        await page.getByRole("button", { name: "Load model" }).click();
        await expect.poll(() => error(page).textContent()).toBe("Not a model id");
        const colours = await page.evaluate(() => ({
          focused: document.activeElement?.id,
          ring: getComputedStyle(document.activeElement!).outlineColor,
          ringStyle: getComputedStyle(document.activeElement!).outlineStyle,
          error: getComputedStyle(document.getElementById("error")!).borderTopColor,
        }));
        expect(colours).toEqual({
          focused: "model-id",
          ring: "rgb(29, 78, 216)",
          ringStyle: "solid",
          error: "rgb(180, 35, 24)",
        });
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineColor)).toBe(
          "rgb(29, 78, 216)",
        );
        await page.close();
      }
    });
  },
);
