// Offline with a snapshot in the cache that lacks a file (config.json deleted, say): the error names
// the missing file and the cached commit instead of claiming the repo is not cached (Node and browser).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCacheStorageRepoCache } from "../src/browser/cache-storage-repo-cache.js";
import { download, HubOfflineError, openRepo } from "../src/index.js";
import { type OpenRepoParams, openRepoWith } from "../src/open-repo.js";
import { useHubTestEnv } from "./hub-test-env.js";
import { MemoryCacheStorage } from "./memory-cache-storage.js";

// The browser build: the same openRepo over Cache Storage (package.json "browser" swaps the cache).
const openRepoBrowser = (params: OpenRepoParams) =>
  openRepoWith({ ...params, openCache: openCacheStorageRepoCache });

const shared = optionalSharedDir();

describe.skipIf(!shared)("offline, a cached snapshot missing a file", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared! });
  });
  afterEach(() => hub.close());

  it("Node: openRepo and download name the missing file and the cached commit", async () => {
    const folder = await download({
      repoId: SHARED_REPO,
      files: ["config.json", "preprocessor_config.json"],
      hubUrl: hub.url,
      cacheDir: env.cacheDir,
    });
    await rm(join(folder, "config.json"));
    const commit = hub.commit(SHARED_REPO);
    for (const [how, run] of [
      [
        "openRepo",
        () =>
          openRepo({
            repoId: SHARED_REPO,
            files: ["config.json"],
            options: { cacheDir: env.cacheDir, localFilesOnly: true },
          }),
      ],
      [
        "download",
        () =>
          download({
            repoId: SHARED_REPO,
            files: ["config.json", "preprocessor_config.json"],
            cacheDir: env.cacheDir,
            localFilesOnly: true,
          }),
      ],
    ] as const) {
      const error = await (run as () => Promise<unknown>)().catch((e: unknown) => e);
      expect(error, how).toBeInstanceOf(HubOfflineError);
      expect(error).toMatchObject({ commit, missingFiles: ["config.json"], reason: "localFilesOnly" });
      expect((error as Error).message).toContain(`snapshot ${commit}`);
      expect((error as Error).message).toContain("config.json is missing");
      expect((error as Error).message).not.toContain("is not in the cache");
    }
    // A revision never cached still says so.
    const never = await openRepo({
      repoId: SHARED_REPO,
      files: ["config.json"],
      options: { cacheDir: env.cacheDir, localFilesOnly: true, revision: "v2" },
    }).catch((e: unknown) => e);
    expect(never).toMatchObject({ commit: undefined, missingFiles: [] });
    expect((never as Error).message).toContain("is not in the cache");
  });

  it("browser build: a ref cached without the file names the file too", async () => {
    (globalThis as { caches?: unknown }).caches = new MemoryCacheStorage();
    try {
      const online = await openRepoBrowser({
        repoId: SHARED_REPO,
        files: ["preprocessor_config.json"],
        options: { hubUrl: hub.url },
      });
      expect(await online.read("preprocessor_config.json")).toBeDefined();
      const error = await openRepoBrowser({
        repoId: SHARED_REPO,
        files: ["config.json"],
        options: { localFilesOnly: true },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubOfflineError);
      expect(error).toMatchObject({ commit: hub.commit(SHARED_REPO), missingFiles: ["config.json"] });
      expect((error as Error).message).toContain("config.json is missing");
    } finally {
      delete (globalThis as { caches?: unknown }).caches;
    }
  });
});
