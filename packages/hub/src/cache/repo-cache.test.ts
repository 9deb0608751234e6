// The RepoCache contract, run against both implementations: what openRepo and download rely on, so Node
// and browsers behave the same (refs as huggingface_hub writes them, .no_exist, checked stores, capped reads).
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCacheStorageRepoCache } from "../browser/cache-storage-repo-cache.js";
import { HubIntegrityError } from "../errors/hub-errors.js";
import { HubCachedFileError, HubFileTooLargeError } from "../errors/hub-file-errors.js";
import type { DownloadSink } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import { openFsRepoCache } from "../node/fs-repo-cache.js";
import { cachedCommit, type OpenRepoCache } from "./repo-cache.js";

const REPO = "org/name";
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const OTHER = "89abcdef0123456789abcdef0123456789abcdef";
const LIMIT = { limit: 1000, limitName: "maxJsonFileBytes" };
const bytes = new TextEncoder().encode('{"model_type":"mobilenet_v1"}');
const gitSha1 = createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
const config: RemoteFile = {
  path: "config.json",
  size: bytes.byteLength,
  etag: gitSha1,
  sha256: undefined,
  gitSha1,
};
const sha256 = createHash("sha256").update(bytes).digest("hex");
const lfs: RemoteFile = {
  path: "sub/w.bin",
  size: bytes.byteLength,
  etag: sha256,
  sha256,
  gitSha1: undefined,
};
/** A download that writes `content` in two chunks. */
const serve = (content: Uint8Array) => async (sink: DownloadSink) => {
  await sink.write(content.subarray(0, 5));
  await sink.write(content.subarray(5));
};

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});
let caches = 0;
const implementations: [string, () => ReturnType<OpenRepoCache>][] = [
  [
    "fs (Node)",
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "mnv1-repo-cache-"));
      folders.push(folder);
      return openFsRepoCache({ repoId: REPO, cacheDir: folder });
    },
  ],
  // No globalThis.caches here: the in-memory fallback of the Cache Storage implementation, one per test.
  [
    "Cache Storage (browsers)",
    () => openCacheStorageRepoCache({ repoId: REPO, cacheDir: `test-${caches++}` }),
  ],
];

describe.each(implementations)("RepoCache: %s", (_name, open) => {
  it("records refs as huggingface_hub does: for branches and tags, never for the commit itself", async () => {
    const cache = await open();
    expect(await cachedCommit({ cache, revision: "main" })).toBeUndefined();
    expect(await cachedCommit({ cache, revision: COMMIT })).toBe(COMMIT); // a commit needs no ref
    await cache.writeRef({ revision: COMMIT, commit: COMMIT });
    expect(await cache.readRef(COMMIT)).toBeUndefined();
    await cache.writeRef({ revision: "refs/pr/1", commit: COMMIT });
    await cache.writeRef({ revision: "main", commit: COMMIT });
    await cache.writeRef({ revision: "main", commit: OTHER });
    expect(await cache.readRef("main")).toBe(OTHER);
    expect(await cachedCommit({ cache, revision: "refs/pr/1" })).toBe(COMMIT);
  });

  it("stores a file only once its size and hash check out, and reads it back within its cap", async () => {
    const cache = await open();
    expect(await cache.hasSnapshot(COMMIT)).toBe(false);
    const corrupt = bytes.slice();
    corrupt[0] = 0x5b;
    for (const file of [config, lfs]) {
      const refused = cache.storeFile({ commit: COMMIT, file, download: serve(corrupt) });
      await expect(refused).rejects.toThrow(HubIntegrityError);
      expect(await cache.hasFile({ commit: COMMIT, file: file.path })).toBe(false);
      await cache.storeFile({ commit: COMMIT, file, download: serve(bytes) });
      expect(await cache.hasFile({ commit: COMMIT, file: file.path })).toBe(true);
      // Stored: a second store downloads nothing.
      await cache.storeFile({
        commit: COMMIT,
        file,
        download: () => Promise.reject(new Error("downloaded twice")),
      });
      const read = await cache.readFile({
        commit: COMMIT,
        file: file.path,
        limit: LIMIT,
        expectedSize: file.size,
      });
      expect(read).toEqual(bytes);
    }
    expect(await cache.hasSnapshot(COMMIT)).toBe(true);
    // Another blob (a blob already stored is shared by every commit that has it, never fetched again).
    const other = { ...config, etag: "f".repeat(40), gitSha1: "f".repeat(40) };
    const short = cache.storeFile({ commit: OTHER, file: other, download: serve(bytes.subarray(0, 9)) });
    await expect(short).rejects.toMatchObject({ check: "size" });

    const small = { limit: 10, limitName: "maxJsonFileBytes / MOBILENET_MAX_JSON_FILE_BYTES" };
    const tooLarge = cache.readFile({ commit: COMMIT, file: "config.json", limit: small });
    await expect(tooLarge).rejects.toThrow(HubFileTooLargeError);
    const otherSize = cache.readFile({ commit: COMMIT, file: "config.json", limit: LIMIT, expectedSize: 3 });
    await expect(otherSize).rejects.toThrow(HubCachedFileError);
    expect(await cache.readFile({ commit: COMMIT, file: "absent.json", limit: LIMIT })).toBeUndefined();
  });

  it("records absent files per commit, and creates empty snapshots for download()", async () => {
    const cache = await open();
    await cache.recordAbsent({ commit: COMMIT, file: "model.safetensors" });
    expect(await cache.isAbsent({ commit: COMMIT, file: "model.safetensors" })).toBe(true);
    expect(await cache.isAbsent({ commit: OTHER, file: "model.safetensors" })).toBe(false);
    expect(await cache.hasFile({ commit: COMMIT, file: "model.safetensors" })).toBe(false);
    expect(await cache.createSnapshot(OTHER)).toBe(cache.snapshot(OTHER));
    expect(await cache.hasSnapshot(OTHER)).toBe(true);
  });
});

it("the Node cache writes huggingface_hub's layout: refs without a newline, relative links to blobs", async () => {
  const [, open] = implementations[0]!;
  const cache = await open();
  await cache.writeRef({ revision: "main", commit: COMMIT });
  await cache.storeFile({ commit: COMMIT, file: config, download: serve(bytes) });
  const storage = join(cache.location, "models--org--name");
  expect(await readFile(join(storage, "refs", "main"), "utf8")).toBe(COMMIT);
  expect(await readlink(join(storage, "snapshots", COMMIT, "config.json"))).toBe(`../../blobs/${gitSha1}`);
  expect(await readdir(join(storage, "blobs"))).toEqual([gitSha1]);
  expect(cache.snapshot(COMMIT)).toBe(join(storage, "snapshots", COMMIT));
});
