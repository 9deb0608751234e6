import "@mobilenetv1/backend-node";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import { writeFolder } from "@mobilenetv1/core/io";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { requireChromium, requireShared, sharedDir } from "@mobilenetv1/test-support/shared-dir";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChromiumSession, PHONE, startChromiumSession } from "./chromium-session.js";

// Teach mode end to end in the built playground: two classes (Chromium's fake camera, recorded with the
// keyboard's hold-to-record; the COCO cats image and Chelsea the cat as a file and a paste), training in
// the page, live predictions, the zip, and the zip loaded in Node with fromPretrained. keras 0.25 keeps it
// fast. Nothing may be requested from anywhere but the app's origin and, for the model download, the hub.
const MODEL = "shared/keras_mobilenet_v1_0.25_224";
const folder = requireShared(`hf/${MODEL.slice("shared/".length)}`);
const catsImage = requireShared("images/000000039769.png");
const hasChromium = requireChromium();
const screenshots = fileURLToPath(new URL("./__screenshots__/", import.meta.url));
const chelsea = fileURLToPath(new URL("../../../samples/chelsea.png", import.meta.url));

interface ShownPrediction {
  labels: string[];
  scores: number[];
}

/** The predictions list once it shows `source`'s result. */
async function predictionFor(page: Page, source: string): Promise<ShownPrediction> {
  const items = page.locator(`#teach-predictions[data-source="${source}"] li`);
  await items.first().waitFor({ timeout: 60_000 });
  return {
    labels: await items.locator(".label").allTextContents(),
    scores: await items.evaluateAll((li) => li.map((e) => Number((e as HTMLElement).dataset.score))),
  };
}

describe.skipIf(!folder || !catsImage || !hasChromium)(
  "playground Teach mode in Chromium (built app, mock hub, fake camera)",
  { timeout: 300_000 },
  () => {
    let session: ChromiumSession;
    let work: string;

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), "teach-chromium-"));
      session = await startChromiumSession({ sharedDir: sharedDir(), screenshots });
    }, 180_000);

    afterAll(async () => {
      await session?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    it("teaches webcam vs cats, predicts both live, and downloads a zip that fromPretrained loads", async () => {
      const url = `${session.app.url}/?${new URLSearchParams({ hub: session.hub.url, model: MODEL, device: "wasm" })}#teach`;
      const requests: { url: string; afterLoad: boolean }[] = [];
      let modelLoaded = false;
      session.context.on("request", (r) => {
        if (!/^(blob|data):/.test(r.url())) requests.push({ url: r.url(), afterLoad: modelLoaded });
      });
      const page = await session.open({ url });
      const fail = async (error: Error) => {
        await session.shoot(page, "teach-failure");
        const shown = await page.locator("#teach-error").textContent();
        throw new Error(`${error.message}\n${shown}\n${session.consoleLines.join("\n")}`);
      };
      await page
        .locator("#teach-model-status", { hasText: "Backbone:" })
        .waitFor({ timeout: 120_000 })
        .catch(fail);
      modelLoaded = true;
      expect(await page.locator("#classify-mode").isHidden()).toBe(true);
      expect(await page.getByRole("button", { name: "Teach new classes" }).getAttribute("aria-pressed")).toBe(
        "true",
      );

      // Every control of Teach mode has a name (label, aria-label or text) for screen readers.
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("#teach-mode input, #teach-mode button")]
          .filter((el) => !el.hidden)
          .filter((el) => {
            const labelled = "labels" in el && (el as HTMLInputElement).labels?.length;
            return !labelled && !el.getAttribute("aria-label") && !el.textContent?.trim();
          })
          .map((el) => el.outerHTML),
      );
      expect(unnamed).toEqual([]);

      const cards = page.locator("#teach-classes > li");
      expect(await cards.count()).toBe(2);
      const train = page.locator("#teach-train");
      expect(await train.isDisabled()).toBe(true);
      expect(await page.locator("#teach-train-reason").textContent()).toBe("Add examples to “Class 1”.");

      // Names: a collision after case folding is shown on the card and blocks training.
      const webcamCard = cards.nth(0);
      const catsCard = cards.nth(1);
      await webcamCard.getByLabel("Class name").fill("Webcam");
      await catsCard.getByLabel("Class name").fill("WEBCAM");
      expect(await catsCard.getByLabel("Class name").getAttribute("aria-invalid")).toBe("true");
      expect(await catsCard.locator(".teach-name-problem").textContent()).toContain("collide");
      await catsCard.getByLabel("Class name").fill("Cats");
      expect(await catsCard.getByLabel("Class name").getAttribute("aria-invalid")).toBe("false");

      // Webcam frames, recorded by holding Space on the focused record button (~5 a second).
      await page.getByRole("button", { name: "Start webcam" }).click();
      await page.locator('#teach-camera-button[aria-pressed="true"]').waitFor();
      const record = webcamCard.getByRole("button", { name: "Hold to record examples of Webcam" });
      await record.focus();
      const started = Date.now();
      await page.keyboard.down(" ");
      expect(await record.getAttribute("aria-pressed")).toBe("true");
      await expect
        .poll(async () => Number(await webcamCard.getAttribute("data-count")), {
          timeout: 60_000,
          interval: 50,
        })
        .toBeGreaterThanOrEqual(8);
      await page.keyboard.up(" ");
      const heldMs = Date.now() - started;
      expect(await record.getAttribute("aria-pressed")).toBe("false");
      const recorded = Number(await webcamCard.getAttribute("data-count"));
      expect(recorded).toBeGreaterThanOrEqual(8);
      expect(recorded).toBeLessThanOrEqual(Math.ceil((heldMs / 1000) * 5) + 2); // the ~5/s rate holds
      expect(await webcamCard.locator('.teach-thumb[data-source="webcam"]').count()).toBe(recorded);

      // Cats: one image through the card's file input, one pasted while focus is in the card.
      await catsCard.locator('input[type="file"]').setInputFiles(catsImage!);
      const chelseaBytes = [...(await readFile(chelsea))];
      await catsCard.getByRole("button", { name: "Add image files to Cats" }).focus();
      await page.evaluate((bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], "chelsea.png", { type: "image/png" }));
        document.activeElement!.dispatchEvent(
          new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }),
        );
      }, chelseaBytes);
      await expect.poll(() => catsCard.getAttribute("data-count")).toBe("2");
      expect(await catsCard.locator('.teach-thumb[data-source="paste"]').count()).toBe(1);
      expect(await page.locator("#teach-predictions li").count()).toBe(0); // the paste went to the class

      // Training: both stages of the progress bar are seen, then the report.
      expect(await train.isEnabled()).toBe(true);
      await page.evaluate(() => {
        const bar = document.getElementById("teach-train-progress")!;
        const seen: string[] = [];
        (window as unknown as { stagesSeen: string[] }).stagesSeen = seen;
        new MutationObserver(() => {
          const stage = bar.dataset.stage;
          if (stage && seen.at(-1) !== stage) seen.push(stage);
        }).observe(bar, { attributes: true });
      });
      await train.click();
      await page
        .locator("#teach-train-status", { hasText: "Trained 2 classes" })
        .waitFor({ timeout: 120_000 })
        .catch(fail);
      expect(await page.evaluate(() => (window as unknown as { stagesSeen: string[] }).stagesSeen)).toEqual([
        "extract",
        "fit",
      ]);
      expect(await page.locator("#teach-train-report").getAttribute("data-train-accuracy")).toBe("1");
      await session.shoot(page, "teach-trained");

      // Live predictions on the webcam: the fake camera's frames are the Webcam class.
      const live = await predictionFor(page, "webcam");
      expect(live.labels).toEqual(["Webcam", "Cats"]);
      expect(live.scores[0]).toBeGreaterThan(0.9);

      // An image dropped outside the cards is classified: the cats image is Cats.
      const catsBytes = [...(await readFile(catsImage!))];
      await page.evaluate((bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], "dropped-cats.png", { type: "image/png" }));
        document.body.dispatchEvent(
          new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }),
        );
      }, catsBytes);
      const dropped = await predictionFor(page, "dropped-cats.png");
      expect(dropped.labels[0]).toBe("Cats");
      // As in Classify mode, an image given replaces the live webcam (which is released).
      expect(await page.locator("#teach-camera-button").getAttribute("aria-pressed")).toBe("false");
      expect(await page.locator("#teach-preview").isVisible()).toBe(true);
      await session.shoot(page, "teach-dropped-cats");

      // The download: an HF folder in a zip, named after the classes and the day.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("#teach-download").click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^mobilenet-webcam-cats-\d{4}-\d{2}-\d{2}\.zip$/);
      const zipPath = join(work, "model.zip");
      await download.saveAs(zipPath);
      const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
      const prefix = download.suggestedFilename().replace(/\.zip$/, "/");
      const files = Object.fromEntries(
        Object.entries(entries)
          .filter(([name]) => !name.endsWith("/"))
          .map(([name, data]) => [name.slice(prefix.length), data]),
      );
      expect(Object.keys(files).sort()).toEqual([
        "config.json",
        "model.safetensors",
        "preprocessor_config.json",
      ]);
      const dir = join(work, "model");
      await writeFolder({ dir, files });
      const config = JSON.parse(new TextDecoder().decode(files["config.json"])) as Record<string, unknown>;
      expect(config.id2label).toEqual({ 0: "Webcam", 1: "Cats" });
      expect(config.label2id).toEqual({ Webcam: 0, Cats: 1 });

      // Loaded in Node (onnxruntime-node, sharp's decoding): the same class and scores as the browser showed.
      const model = await MobileNetV1ForImageClassification.fromPretrained(dir);
      const processor = await MobileNetV1ImageProcessor.fromPretrained(dir);
      const { pixelValues } = await processor.preprocess(catsImage!);
      const { logits } = await model.forward({ pixelValues });
      const [webcamLogit, catsLogit] = logits.data as Float32Array;
      const catsScore = 1 / (1 + Math.exp(webcamLogit! - catsLogit!));
      expect(catsScore).toBeGreaterThan(0.5);
      expect(catsScore).toBeCloseTo(dropped.scores[0]!, 4);
      await model.dispose();

      // Training again computes embeddings for the new examples only; an unreadable file is left out and marked.
      const before = Number(await webcamCard.getAttribute("data-count")) + 2;
      await catsCard.locator('input[type="file"]').setInputFiles([
        { name: "chelsea-again.png", mimeType: "image/png", buffer: await readFile(chelsea) },
        { name: "not-an-image.png", mimeType: "image/png", buffer: Buffer.from("this is text, not a PNG") },
      ]);
      expect(await train.isEnabled()).toBe(true);
      await train.click();
      // The first training's status is still shown until this one reports progress: wait for its report.
      await page.locator("#teach-train-report dt", { hasText: "Left out" }).waitFor().catch(fail);
      const report = Object.fromEntries(
        await page
          .locator("#teach-train-report dt")
          .evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
      );
      expect(report["Embeddings computed"]).toBe(`2 new, ${before} kept from earlier`);
      expect(report["Left out (unreadable)"]).toBe("1 image, marked in red");
      const broken = catsCard.locator('.teach-thumb[data-error="true"]');
      expect(await broken.count()).toBe(1);
      expect(await broken.getAttribute("title")).toMatch(/^Left out: /);
      expect(await train.isDisabled()).toBe(true);
      expect(await page.locator("#teach-train-reason").textContent()).toContain("Trained on these examples");

      // Nothing left the browser: the app's own files, and the hub only while the model was downloading.
      const appOrigin = new URL(session.app.url).origin;
      const hubOrigin = new URL(session.hub.url).origin;
      const elsewhere = requests.filter((r) => ![appOrigin, hubOrigin].includes(new URL(r.url).origin));
      expect(elsewhere).toEqual([]);
      expect(requests.filter((r) => r.afterLoad && new URL(r.url).origin === hubOrigin)).toEqual([]);

      await session.shoot(page, "teach-retrained");
      await page.setViewportSize(PHONE);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await session.shoot(page, "teach-phone");
      await page.close();
    });
  },
);
