// Hangs: a hub that accepts connections and never answers, and downloads whose body stalls mid-file,
// end in a HubNetworkError carrying core's NetworkTimeoutError (phase, timeoutMs, redacted URL), in
// Node and in the browser build; a stalled download keeps its partial file and the next call resumes it.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { NetworkTimeoutError } from "@mobilenetv1/core";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCacheStorageRepoCache } from "../src/browser/cache-storage-repo-cache.js";
import { HubNetworkError, type HubOptions, openRepo } from "../src/index.js";
import { type OpenRepoParams, openRepoWith } from "../src/open-repo.js";
import { useHubTestEnv } from "./hub-test-env.js";
import { MemoryCacheStorage } from "./memory-cache-storage.js";

// The browser build: the same openRepo over Cache Storage (package.json "browser" swaps the cache).
const openRepoBrowser = (params: OpenRepoParams) =>
  openRepoWith({ ...params, openCache: openCacheStorageRepoCache });

const shared = optionalSharedDir();
const BIN_SHA256 = "51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const FILES = ["config.json", "pytorch_model.bin"];

async function caught(promise: Promise<unknown>): Promise<HubNetworkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubNetworkError);
  return error as HubNetworkError;
}

describe.skipIf(!shared)("timeouts", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared! });
  });
  afterEach(() => hub.close());
  const open = (options: HubOptions = {}) =>
    openRepo({
      repoId: SHARED_REPO,
      files: FILES,
      options: { hubUrl: hub.url, cacheDir: env.cacheDir, attempts: 2, retryDelayMs: 10, ...options },
    });

  it("a hub that never answers the metadata request: connect timeout, retried, then HubNetworkError", async () => {
    for (const setting of [{ connectTimeoutMs: 100 }, { env: "0.1" }] as const) {
      hub.clearFaults();
      hub.fault({ route: "revision", silent: true, times: 100 });
      const before = hub.requests.length;
      if ("env" in setting) process.env["HF_HUB_ETAG_TIMEOUT"] = setting.env;
      const error = await caught(open("env" in setting ? {} : setting));
      expect(error.timeout).toBeInstanceOf(NetworkTimeoutError);
      expect(error.timeout).toMatchObject({ phase: "connect", timeoutMs: 100 });
      expect(error.url).toBe(`${hub.url}/api/models/${SHARED_REPO}/revision/main`);
      expect(error.attempts).toBe(2);
      expect(error.message).toContain("100 ms");
      expect(error.message).toContain("HF_HUB_ETAG_TIMEOUT");
      expect(hub.requests.slice(before).filter((r) => r.route === "revision")).toHaveLength(2);
    }
  });

  it("a download whose request is never answered: connect timeout on the file, after the retries", async () => {
    hub.fault({ route: "content", file: "config.json", silent: true, times: 100 });
    const files = await open({ connectTimeoutMs: 100 });
    const error = await caught(files.read("config.json"));
    expect(error.timeout).toMatchObject({ phase: "connect", timeoutMs: 100 });
    expect(error.url).toBe(`${hub.url}/${SHARED_REPO}/resolve/${hub.commit(SHARED_REPO)}/config.json`);
    expect(error.message).toContain("downloading config.json");
    expect(hub.requests.filter((r) => r.file === "config.json")).toHaveLength(2);
  });

  it("a body that stalls mid-file: read timeout after the resumes, the partial file stays, the next call resumes it", async () => {
    hub.fault({ file: "pytorch_model.bin", stallAfter: 3_000_000 });
    hub.fault({ file: "pytorch_model.bin", stallAfter: 0, times: 100 }); // every resume stalls too
    process.env["HF_HUB_DOWNLOAD_TIMEOUT"] = "0.1";
    const files = await open();
    const error = await caught(files.read("pytorch_model.bin"));
    expect(error.timeout).toMatchObject({ phase: "read", timeoutMs: 100 });
    expect(error.url).toBe(`${hub.url}/${SHARED_REPO}/resolve/${hub.commit(SHARED_REPO)}/pytorch_model.bin`);
    expect(error.message).toContain("HF_HUB_DOWNLOAD_TIMEOUT");
    const partial = join(
      env.cacheDir,
      "models--shared--keras_mobilenet_v1_0.75_224",
      "blobs",
      `${BIN_SHA256}.node.incomplete`,
    );
    expect((await stat(partial)).size).toBe(3_000_000);

    hub.clearFaults();
    const before = hub.requests.length;
    expect(sha256((await (await open()).read("pytorch_model.bin"))!)).toBe(BIN_SHA256);
    const gets = hub.requests
      .slice(before)
      .filter((r) => r.route === "content" && r.file === "pytorch_model.bin");
    expect(gets.map((r) => r.range)).toEqual(["bytes=3000000-"]);
    await expect(stat(partial)).rejects.toThrow();
  });

  it("browser build: a silent hub and a stalled body end the same way", async () => {
    (globalThis as { caches?: unknown }).caches = new MemoryCacheStorage();
    try {
      const options = { hubUrl: hub.url, attempts: 1, connectTimeoutMs: 100, readTimeoutMs: 100 };
      hub.fault({ route: "revision", silent: true });
      const silent = await caught(openRepoBrowser({ repoId: SHARED_REPO, files: FILES, options }));
      expect(silent.timeout).toMatchObject({ phase: "connect" });
      hub.fault({ file: "pytorch_model.bin", stallAfter: 1000, times: 1 });
      hub.fault({ file: "pytorch_model.bin", stallAfter: 0, times: 100 });
      const files = await openRepoBrowser({ repoId: SHARED_REPO, files: FILES, options });
      const stalled = await caught(files.read("pytorch_model.bin"));
      expect(stalled.timeout).toMatchObject({ phase: "read", timeoutMs: 100 });
    } finally {
      delete (globalThis as { caches?: unknown }).caches;
    }
  });
});
