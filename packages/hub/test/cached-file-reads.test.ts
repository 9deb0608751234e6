// Reads of cached files: a FIFO, a device or a wrong-size file in a snapshot is refused by name (never
// read, never waited on), and core's per-file caps (maxJsonFileBytes, maxModelFileBytes) bound both what is read from the cache and what is downloaded.
import { execFileSync } from "node:child_process";
import { readlink, rm, symlink, truncate } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type MockHub, SHARED_REPO, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  download,
  HubCachedFileError,
  HubFileTooLargeError,
  type HubOptions,
  openRepo,
} from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const FILES = ["config.json", "preprocessor_config.json"];

describe.skipIf(!shared || process.platform === "win32")("reading cached files", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  let snapshot = "";
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared! });
    snapshot = await download({ repoId: SHARED_REPO, files: FILES, hubUrl: hub.url, cacheDir: env.cacheDir });
  });
  afterEach(() => hub.close());
  const open = (options: HubOptions = {}) =>
    openRepo({
      repoId: SHARED_REPO,
      files: FILES,
      options: { cacheDir: env.cacheDir, hubUrl: hub.url, ...options },
    });
  /** Replaces the blob config.json links to with `make(blobPath)`. */
  const replaceBlob = async (make: (blob: string) => Promise<void> | void) => {
    const blob = resolve(snapshot, await readlink(join(snapshot, "config.json")));
    await rm(blob);
    await make(blob);
  };

  it("refuses a FIFO or a device behind a snapshot link without blocking; online, replaces it", async () => {
    await replaceBlob((blob) => {
      execFileSync("mkfifo", [blob]);
    });
    const error = await (await open({ localFilesOnly: true })).read("config.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubCachedFileError);
    expect(error).toMatchObject({ code: "HUB_CACHE_FILE_INVALID", file: "config.json" });
    expect((error as Error).message).toContain("not a regular file");
    // Online, a blob that is not a regular file does not count as cached: it is downloaded anew over it.
    expect((await (await open()).read("config.json"))!.byteLength).toBe(69508);
    await rm(join(snapshot, "config.json"));
    await symlink("/dev/zero", join(snapshot, "config.json"));
    const device = await (await open({ localFilesOnly: true })).read("config.json").catch((e: unknown) => e);
    expect(device).toMatchObject({ code: "HUB_CACHE_FILE_INVALID" });
  });

  it("refuses a cached file whose size is not the hub's", async () => {
    await replaceBlob(async (blob) => {
      execFileSync("cp", [join(shared!, "hf", "keras_mobilenet_v1_0.75_224", "config.json"), blob]);
      await truncate(blob, 100);
    });
    const error = await (await open()).read("config.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubCachedFileError);
    expect((error as Error).message).toContain("is 100 bytes, but the hub says 69508");
    // Offline there is no size to compare with: the bytes are what the cache holds.
    expect((await (await open({ localFilesOnly: true })).read("config.json"))!.byteLength).toBe(100);
  });

  it("the per-file caps bound cache reads and downloads (refused before any byte is fetched)", async () => {
    const cached = await (await open({ localFilesOnly: true, maxJsonFileBytes: 1000 }))
      .read("config.json")
      .catch((e: unknown) => e);
    expect(cached).toBeInstanceOf(HubFileTooLargeError);
    expect(cached).toMatchObject({
      code: "HUB_FILE_TOO_LARGE",
      size: 69508,
      maxBytes: 1000,
      setting: "maxJsonFileBytes / MOBILENET_MAX_JSON_FILE_BYTES",
    });
    const before = hub.requests.length;
    const fresh = await openRepo({
      repoId: SHARED_REPO,
      files: ["pytorch_model.bin"],
      options: { cacheDir: join(env.cacheDir, "2"), hubUrl: hub.url, maxModelFileBytes: 1_000_000 },
    });
    const refused = await fresh.read("pytorch_model.bin").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "HUB_FILE_TOO_LARGE", size: 10460253, maxBytes: 1_000_000 });
    expect(hub.requests.slice(before).filter((r) => r.route === "content" || r.route === "resolve")).toEqual(
      [],
    );
  });
});
