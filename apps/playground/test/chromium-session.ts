import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockHub, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { CHROMIUM, CHROMIUM_ARGS } from "@mobilenetv1/test-support/shared-dir";
import { startStaticServer } from "@mobilenetv1/test-support/static-server";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { builtAppDir } from "./built-app.js";

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** What a playground page shows once it has classified an image. */
export interface ShownResult {
  labels: string[];
  /** The percentages as displayed ("79.19%"). */
  shown: string[];
  /** Full-precision scores (`data-score`). */
  scores: number[];
  /** The timings list: term → value ("Ran on" → "wasm · 2 threads"). */
  timings: Record<string, string>;
}

/** The built app and the mock hub on 127.0.0.1, and one Chromium profile to open pages in. */
export interface ChromiumSession {
  readonly dist: string;
  /** The built app's server; `requests` lists every path asked for, in order. */
  readonly app: { url: string; requests: readonly string[]; close(): Promise<void> };
  readonly hub: MockHub;
  readonly context: BrowserContext;
  /** Every page's console, timed, for failure messages. */
  readonly consoleLines: string[];
  open(params: { url: string; viewport?: { width: number; height: number } }): Promise<Page>;
  shoot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  /** Waits until the result panel shows `imageName`'s classification; on failure, says what the page said. */
  resultFor(page: Page, imageName: string): Promise<ShownResult>;
  close(): Promise<void>;
}

/**
 * Serves the built playground and a mock hub (every folder of `<sharedDir>/hf` as `shared/<folder>`),
 * and starts Debian's Chromium with a fresh profile and Chromium's fake camera.
 */
export async function startChromiumSession(params: {
  sharedDir: string;
  screenshots: string;
}): Promise<ChromiumSession> {
  const dist = await builtAppDir();
  const app = await startStaticServer({ routes: { "/": `${dist}/` } });
  const hub = await startMockHub({ sharedDir: params.sharedDir });
  const work = await mkdtemp(join(tmpdir(), "playground-chromium-"));
  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  });
  // CI machines may be busy (builds, benchmarks): onnxruntime-web's start-up alone can take seconds.
  context.setDefaultTimeout(90_000);
  context.setDefaultNavigationTimeout(90_000);
  const consoleLines: string[] = [];
  const started = Date.now();
  let pages = 0;

  const shoot = async (page: Page, name: string, fullPage = true) => {
    await mkdir(params.screenshots, { recursive: true });
    await page.screenshot({ path: join(params.screenshots, `${name}.png`), fullPage });
  };
  return {
    dist,
    app,
    hub,
    context,
    consoleLines,
    shoot,
    async open({ url, viewport }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport ?? DESKTOP);
      const id = ++pages;
      const note = (line: string) =>
        consoleLines.push(`${((Date.now() - started) / 1000).toFixed(1)}s page ${id} ${line}`);
      page.on("console", (m) => note(`${m.type()}: ${m.text()}`));
      page.on("pageerror", (e) => note(`pageerror: ${e.message}`));
      await page.goto(url);
      return page;
    },
    async resultFor(page, imageName) {
      const done = page.locator(`#result[data-state="done"] #result-summary[data-image="${imageName}"]`);
      await done.waitFor({ timeout: 120_000 }).catch(async (error: Error) => {
        await shoot(page, "failure");
        const shown = await page.locator("#error").textContent();
        throw new Error(`${error.message}\n${shown}\n${consoleLines.join("\n")}`);
      });
      const items = page.locator("#predictions li");
      const terms = await page.locator("#timings dt").allTextContents();
      const values = await page.locator("#timings dd").allTextContents();
      const scores = await items.evaluateAll((li) => li.map((e) => Number((e as HTMLElement).dataset.score)));
      return {
        labels: await items.locator(".label").allTextContents(),
        shown: await items.locator(".score").allTextContents(),
        scores,
        timings: Object.fromEntries(terms.map((term, i) => [term, values[i]!])),
      };
    },
    async close() {
      await context.close();
      await hub.close();
      await app.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
