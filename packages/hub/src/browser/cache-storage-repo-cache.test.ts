// The browser build (Cache Storage) run under Node with an in-memory Cache Storage, against the mock hub.
import { createHash } from "node:crypto";
import { join } from "node:path";
import {
  GOOGLE_REPO,
  googleLikeRepos,
  MODEL_FILES,
  type MockHub,
  startMockHub,
} from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useHubTestEnv } from "../../test/hub-test-env.js";
import { MemoryCacheStorage } from "../../test/memory-cache-storage.js";
import { HubIntegrityError, HubNetworkError, HubOfflineError } from "../errors/hub-errors.js";
import { download, openRepo } from "../index.js";
import { DEFAULT_BROWSER_CACHE } from "./cache-storage-repo-cache.js";

// What a bundler does with package.json's "browser" map: the default cache is the Cache Storage one.
vi.mock("../node/default-repo-cache.js", () => import("./default-repo-cache.js"));

const shared = optionalSharedDir();
const BIN_SHA256 = "51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.skipIf(!shared)("openRepo (browser build, Cache Storage)", () => {
  useHubTestEnv();
  let hub: MockHub;
  let storage: MemoryCacheStorage;
  beforeEach(async () => {
    hub = await startMockHub({ repos: googleLikeRepos(shared!) });
    storage = new MemoryCacheStorage();
    (globalThis as { caches?: unknown }).caches = storage;
  });
  afterEach(async () => {
    delete (globalThis as { caches?: unknown }).caches;
    await hub.close();
  });
  const open = (options: Record<string, unknown> = {}) =>
    openRepo({
      repoId: GOOGLE_REPO,
      files: MODEL_FILES,
      options: { hubUrl: hub.url, retryDelayMs: 10, ...options },
    });

  it("downloads into Cache Storage keyed by repo, commit and file, and loads from it with the hub gone", async () => {
    const files = await open();
    expect(await files.exists("model.safetensors")).toBe(false);
    const loads = await Promise.all([
      files.read("pytorch_model.bin"),
      files.read("pytorch_model.bin"),
      files.read("config.json"),
    ]);
    loads.pop();
    expect(loads.map((b) => sha256(b!))).toEqual([BIN_SHA256, BIN_SHA256]);
    expect(hub.downloads("pytorch_model.bin")).toBe(1);
    const commit = hub.commit(GOOGLE_REPO);
    const keys = [...storage.caches.get(DEFAULT_BROWSER_CACHE)!.entries.keys()];
    expect(keys).toContain(
      `https://hub-cache.mobilenetv1.invalid/${GOOGLE_REPO}/snapshots/${commit}/pytorch_model.bin`,
    );
    expect(keys).toContain(`https://hub-cache.mobilenetv1.invalid/${GOOGLE_REPO}/refs/main`);

    await hub.close();
    const again = await open();
    expect(again.commit).toBe(commit);
    expect(sha256((await again.read("pytorch_model.bin"))!)).toBe(BIN_SHA256);
    process.env["HF_HUB_OFFLINE"] = "1";
    expect((await (await open()).read("config.json"))!.byteLength).toBe(69508);
  });

  it("is offline-aware, resumes, and refuses corrupt bytes without caching them", async () => {
    await expect(open({ localFilesOnly: true })).rejects.toThrow(HubOfflineError);
    hub.fault({ file: "pytorch_model.bin", corrupt: true });
    const files = await open();
    await expect(files.read("pytorch_model.bin")).rejects.toThrow(HubIntegrityError);
    hub.fault({ file: "pytorch_model.bin", dropAfter: 5_000_000 });
    expect(sha256((await files.read("pytorch_model.bin"))!)).toBe(BIN_SHA256);
    const resumed = hub.requests.filter(
      (r) => r.route === "content" && r.range?.startsWith("bytes=5000000-"),
    );
    expect(resumed).toHaveLength(1);
  });

  it("download() prefetches a revision and returns its key prefix; unreachable hub is a HubNetworkError", async () => {
    const prefix = await download({ repoId: GOOGLE_REPO, revision: "refs/pr/1", hubUrl: hub.url });
    expect(prefix).toBe(
      `https://hub-cache.mobilenetv1.invalid/${GOOGLE_REPO}/snapshots/${hub.commit(GOOGLE_REPO, "refs/pr/1")}/`,
    );
    const files = await open({ revision: "refs/pr/1", localFilesOnly: true });
    expect((await files.read("model.safetensors"))!.byteLength).toBe(10426464);
    await hub.close();
    await expect(open({ revision: "v2" })).rejects.toThrow(HubNetworkError);
  });

  it("download() falls back to the cached snapshot when the hub is down, as in Node; refs only for branches", async () => {
    const prefix = await download({ repoId: GOOGLE_REPO, files: ["config.json"], hubUrl: hub.url });
    const commit = hub.commit(GOOGLE_REPO);
    await download({ repoId: GOOGLE_REPO, revision: commit, files: ["config.json"], hubUrl: hub.url });
    const keys = [...storage.caches.get(DEFAULT_BROWSER_CACHE)!.entries.keys()];
    expect(keys.filter((k) => k.includes("/refs/"))).toEqual([
      `https://hub-cache.mobilenetv1.invalid/${GOOGLE_REPO}/refs/main`,
    ]);
    await hub.close();
    expect(
      await download({ repoId: GOOGLE_REPO, files: ["config.json"], hubUrl: hub.url, attempts: 1 }),
    ).toBe(prefix);
    const missing = download({
      repoId: GOOGLE_REPO,
      files: ["pytorch_model.bin"],
      hubUrl: hub.url,
      attempts: 1,
    });
    await expect(missing).rejects.toMatchObject({ code: "HUB_UNREACHABLE", cacheDir: DEFAULT_BROWSER_CACHE });
  });

  it("keeps files in memory when there is no Cache Storage (plain http)", async () => {
    delete (globalThis as { caches?: unknown }).caches;
    const files = await open();
    expect((await files.read("config.json"))!.byteLength).toBe(69508);
    expect((await (await open()).read("config.json"))!.byteLength).toBe(69508);
    expect(hub.downloads("config.json")).toBe(1);
  });
});

describe("browser build selection", () => {
  it("package.json swaps only the default cache for its browser twin, and shared code imports no other Node module", async () => {
    const { readdir, readFile, stat } = await import("node:fs/promises");
    const root = join(import.meta.dirname, "../..");
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      browser: Record<string, string>;
    };
    const mapped = Object.keys(pkg.browser).filter((f) => f.startsWith("./src/"));
    expect(mapped).toEqual(["./src/node/default-repo-cache.ts"]);
    for (const from of mapped) {
      await stat(join(root, from));
      await stat(join(root, pkg.browser[from]!));
      expect(pkg.browser[from.replace("./src/", "./dist/").replace(/\.ts$/, ".js")]).toBe(
        pkg.browser[from]!.replace("./src/", "./dist/").replace(/\.ts$/, ".js"),
      );
    }
    const sharedFiles = (await readdir(join(root, "src"), { recursive: true })).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !/^node[\\/]/.test(f),
    );
    for (const file of sharedFiles) {
      const imports = [...(await readFile(join(root, "src", file), "utf8")).matchAll(/from "([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      const nodeOnly = imports.filter(
        (i) =>
          i.startsWith("node:") ||
          (i.includes("node/") &&
            !mapped.some((m) => m.endsWith(i.replace(/^\.\//, "").replace(/\.js$/, ".ts")))),
      );
      expect(nodeOnly, file).toEqual([]);
    }
  });
});
