import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type MockHub, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { CHROMIUM, CHROMIUM_ARGS } from "@mobilenetv1/test-support/shared-dir";
import { startStaticServer } from "@mobilenetv1/test-support/static-server";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { preview } from "vite";
import { APP_DIR, builtAppDir } from "./built-app.js";

// What the first-visit test and benchmark (bench/first-visit.bench.mjs) share: the built app served as a
// host would serve it, the mock hub, a fresh Chromium profile per visit, the network (20 Mbit/s,
// 40 ms), and a record of every request the page made.

/** The throttling: 20 Mbit/s down (and up), 40 ms latency. */
export const THROTTLE = { downloadBitsPerSecond: 20e6, latencyMs: 40 } as const;
/** The checkpoint a visit loads from the mock hub (shared/keras_mobilenet_v1_0.75_224). */
export const VISIT_MODEL = "shared/keras_mobilenet_v1_0.75_224";

/** One request of a visit, as the DevTools protocol saw it; times in ms from the navigation's start. */
export interface VisitRequest {
  url: string;
  startMs: number;
  endMs: number | undefined;
  status: number | undefined;
  /** Bytes that crossed the wire (headers included, as Chromium counts them); 0 for a cache hit. */
  encodedBytes: number;
  contentEncoding: string | undefined;
  fromCache: boolean;
}

/** What a visit saw. */
export interface VisitRecord {
  requests: VisitRequest[];
  /** From navigation start to the first top-5 on screen (the page's `playground:first-result` mark). */
  firstResultMs: number;
  labels: string[];
  ranOn: string;
  /** The page's timings list (term → value), e.g. "Runtime start" → "812 ms". */
  timings: Record<string, string>;
  /** Every text the download progress line showed. */
  progressTexts: string[];
  crossOriginIsolated: boolean;
  /** How many times the page called `navigator.gpu.requestAdapter()` (-1: no `navigator.gpu`). */
  adapterRequests: number;
}

/** The built app served by the configured `vite preview` (precompressed files, COOP/COEP) or, with
 * `isolation: false`, by a plain static server that sends no COOP/COEP; and the mock hub. */
export async function startVisitServers(params: { sharedDir: string; isolation: boolean }) {
  const dist = await builtAppDir();
  const hub: MockHub = await startMockHub({ sharedDir: params.sharedDir });
  let app: { url: string; close(): Promise<void> };
  if (params.isolation) {
    const server = await preview({
      root: APP_DIR,
      logLevel: "warn",
      preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    });
    const url = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
    if (!url) throw new Error("vite preview did not report its URL");
    app = { url, close: () => server.close() };
  } else {
    app = await startStaticServer({ routes: { "/": `${dist}/` }, crossOriginIsolation: false });
  }
  return {
    dist,
    app,
    hub,
    /** The page URL a new user opens: the app's defaults, its hub pointed at the mock hub. */
    pageUrl: `${app.url}/?${new URLSearchParams({ hub: hub.url, model: VISIT_MODEL })}`,
    async close() {
      await app.close();
      await hub.close();
    },
  };
}

/** A new Chromium profile (empty caches), service workers blocked so every fetch is seen and counted. */
export async function freshProfile(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), "playground-first-visit-"));
  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    serviceWorkers: "block",
    args: [...CHROMIUM_ARGS],
  });
  context.setDefaultTimeout(180_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page of `context` on the throttled network, gives it `imagePath` as soon as the
 * page is parsed (a user picking a photo), and waits for the top-5.
 */
export async function visit(params: {
  context: BrowserContext;
  url: string;
  imagePath: string;
}): Promise<VisitRecord> {
  const page = await params.context.newPage();
  const consoleLines: string[] = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.addInitScript(() => {
    const texts: string[] = [];
    (window as unknown as { __progressTexts: string[] }).__progressTexts = texts;
    // Counts adapter requests (installed before the page's own scripts, its inline one included).
    const w = window as unknown as { __adapterRequests: number };
    w.__adapterRequests = -1;
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(...a: unknown[]): Promise<unknown> } }).gpu;
    if (gpu) {
      w.__adapterRequests = 0;
      const request = gpu.requestAdapter.bind(gpu);
      gpu.requestAdapter = (...a: unknown[]) => {
        w.__adapterRequests++;
        return request(...a);
      };
    }
    new MutationObserver(() => {
      const text = document.getElementById("model-progress-text")?.textContent ?? "";
      if (text && texts.at(-1) !== text) texts.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const requests = await recordRequests(page);
  try {
    await page.goto(params.url, { waitUntil: "domcontentloaded" });
    await page.setInputFiles("#image-file", params.imagePath);
    await page.locator('#result[data-state="done"]').waitFor({ timeout: 180_000 });
  } catch (error) {
    const shown = await page
      .locator("#error")
      .textContent()
      .catch(() => "");
    throw new Error(`${(error as Error).message}\n${shown}\n${consoleLines.join("\n")}`);
  }
  const shown = await page.evaluate(() => ({
    firstResultMs: performance.getEntriesByName("playground:first-result")[0]?.startTime ?? Number.NaN,
    progressTexts: (window as unknown as { __progressTexts: string[] }).__progressTexts,
    crossOriginIsolated: self.crossOriginIsolated,
    adapterRequests: (window as unknown as { __adapterRequests: number }).__adapterRequests,
  }));
  const terms = await page.locator("#timings dt").allTextContents();
  const values = await page.locator("#timings dd").allTextContents();
  const record: VisitRecord = {
    ...shown,
    requests: requests.finish(),
    labels: await page.locator("#predictions li .label").allTextContents(),
    ranOn: values[terms.indexOf("Ran on")] ?? "",
    timings: Object.fromEntries(terms.map((term, i) => [term, values[i] ?? ""])),
  };
  await page.close();
  return record;
}

/**
 * What Chromium's throttling really delivers on this machine: the Mbit/s of one plain download of
 * `fileUrl` (no Content-Encoding) in a throttled page. DevTools' emulation paces packets with timers, so
 * on a busy machine it stays under the nominal 20 Mbit/s; the benchmark reports the floor at both rates.
 */
export async function measureThrottledMbps(params: {
  context: BrowserContext;
  fileUrl: string;
}): Promise<number> {
  const page = await params.context.newPage();
  try {
    await recordRequests(page);
    await page.goto(new URL("/", params.fileUrl).href, { waitUntil: "domcontentloaded" });
    const { bytes, ms } = await page.evaluate(async (url) => {
      const t0 = performance.now();
      const body = await (await fetch(url, { cache: "no-store" })).arrayBuffer();
      return { bytes: body.byteLength, ms: performance.now() - t0 };
    }, params.fileUrl);
    return (bytes * 8) / ms / 1000;
  } finally {
    await page.close();
  }
}

/** Throttles `page`'s network and records its requests through the DevTools protocol. */
async function recordRequests(page: Page): Promise<{ finish(): VisitRequest[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: THROTTLE.latencyMs,
    downloadThroughput: THROTTLE.downloadBitsPerSecond / 8,
    uploadThroughput: THROTTLE.downloadBitsPerSecond / 8,
  });
  const byId = new Map<string, VisitRequest>();
  let origin: number | undefined; // the document request's timestamp: navigation start
  cdp.on("Network.requestWillBeSent", (e) => {
    const seconds = e.timestamp;
    origin ??= seconds;
    if (e.request.url.startsWith("data:") || e.request.url.startsWith("blob:")) return;
    byId.set(e.requestId, {
      url: e.request.url,
      startMs: (seconds - origin) * 1000,
      endMs: undefined,
      status: undefined,
      encodedBytes: 0,
      contentEncoding: undefined,
      fromCache: false,
    });
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    r.contentEncoding = headers["content-encoding"];
    r.fromCache = r.fromCache || e.response.fromDiskCache === true || e.response.status === 304;
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    const r = byId.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = byId.get(e.requestId);
    if (!r || origin === undefined) return;
    r.endMs = (e.timestamp - origin) * 1000;
    r.encodedBytes = e.encodedDataLength;
  });
  return { finish: () => [...byId.values()] };
}

/** Bytes that crossed the wire in a visit, and the time they need at {@link THROTTLE}'s bandwidth. */
export function transferFloor(record: VisitRecord): { bytes: number; floorMs: number } {
  const bytes = record.requests.reduce((sum, r) => sum + r.encodedBytes, 0);
  return { bytes, floorMs: (bytes * 8 * 1000) / THROTTLE.downloadBitsPerSecond };
}
