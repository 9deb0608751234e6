// fromPretrained's path through core: openModelFiles({ pathOrId: "<org>/<name>" }) reaches the hub
// source this package registers on import, and the cache it fills is huggingface_hub's layout.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { openModelFiles } from "@mobilenetv1/core";
import {
  GOOGLE_REPO,
  googleLikeRepos,
  MODEL_FILES,
  type MockHub,
  startMockHub,
} from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  HubFileNotFoundError,
  HubOfflineError,
  type HubOptions,
  OFFLINE_HINT,
  type RepoFiles,
} from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const folder = () => join(shared!, "hf", "keras_mobilenet_v1_0.75_224");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const storage = (cacheDir: string) => join(cacheDir, "models--google--mobilenet_v1_1.0_224");

describe.skipIf(!shared)("openModelFiles by repo id (mock hub)", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared!, repos: googleLikeRepos(shared!) });
  });
  afterEach(() => hub.close());
  const open = (extra: HubOptions = {}) => {
    // fromPretrained passes its options object through, so hub-only knobs (retryDelayMs) reach the source.
    const options: HubOptions = { hubUrl: hub.url, cacheDir: env.cacheDir, retryDelayMs: 10, ...extra };
    return openModelFiles({ pathOrId: GOOGLE_REPO, files: MODEL_FILES, options }) as Promise<RepoFiles>;
  };

  it("downloads only the weights core picks, byte-identical, in huggingface_hub's cache layout", async () => {
    const files = await open();
    expect(await files.exists("model.safetensors")).toBe(false); // only under refs/pr/1, as on the real hub
    expect(await files.exists("pytorch_model.bin")).toBe(true);
    const bin = (await files.read("pytorch_model.bin"))!;
    // SHA256SUMS of ../shared/hf/keras_mobilenet_v1_0.75_224
    expect(sha256(bin)).toBe("51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b");
    const config = (await files.read("config.json"))!;
    expect(config).toEqual(new Uint8Array(await readFile(join(folder(), "config.json"))));

    const commit = hub.commit(GOOGLE_REPO);
    expect(files.commit).toBe(commit);
    const root = storage(env.cacheDir);
    expect(files.snapshot).toBe(join(root, "snapshots", commit));
    expect(await readFile(join(root, "refs", "main"), "utf8")).toBe(commit); // no newline, as Python writes it
    // LFS file → blob named by its sha256; git file → by its git blob sha1; relative links, as _create_symlink.
    expect(await readlink(join(files.snapshot, "pytorch_model.bin"))).toBe(`../../blobs/${sha256(bin)}`);
    const gitSha1 = createHash("sha1").update(`blob ${config.byteLength}\0`).update(config).digest("hex");
    expect(await readlink(join(files.snapshot, "config.json"))).toBe(`../../blobs/${gitSha1}`);
    expect((await lstat(join(root, "blobs", sha256(bin)))).isFile()).toBe(true);
    expect((await lstat(join(root, ".no_exist", commit, "model.safetensors"))).isFile()).toBe(true);
    expect((await readdir(join(root, "blobs"))).filter((f) => f.endsWith(".incomplete"))).toEqual([]);
    expect(hub.downloads("model.safetensors")).toBe(0);
    expect(hub.downloads("pytorch_model.bin")).toBe(1);
  });

  it("serves the second load from the cache with the server stopped", async () => {
    const first = await open();
    await first.read("config.json");
    await first.read("pytorch_model.bin");
    await hub.close();
    const second = await open();
    expect(second.commit).toBe(first.commit);
    expect(await second.exists("pytorch_model.bin")).toBe(true);
    expect(await second.exists("model.safetensors")).toBe(false);
    expect(sha256((await second.read("pytorch_model.bin"))!)).toBe(
      "51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b",
    );
  });

  it("HF_HUB_OFFLINE=1 and localFilesOnly use the cache without a request, and say how to go on when it is empty", async () => {
    await expect(open({ localFilesOnly: true })).rejects.toThrow(HubOfflineError);
    process.env["HF_HUB_OFFLINE"] = "1";
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubOfflineError);
    expect((error as HubOfflineError).reason).toBe("HF_HUB_OFFLINE");
    expect((error as Error).message).toContain(OFFLINE_HINT);
    expect(hub.requests).toHaveLength(0);

    delete process.env["HF_HUB_OFFLINE"];
    await (await open()).read("config.json");
    const before = hub.requests.length;
    process.env["HF_HUB_OFFLINE"] = "1";
    expect(new TextDecoder().decode((await (await open()).read("config.json"))!)).toContain(
      "MobileNetV1ForImageClassification",
    );
    delete process.env["HF_HUB_OFFLINE"];
    expect((await (await open({ localFilesOnly: true })).read("config.json"))!.byteLength).toBe(69508);
    expect(hub.requests.length).toBe(before);
  });

  it("pins a revision: a commit keeps its files after main moves, and loads with no request once cached", async () => {
    const oldCommit = hub.commit(GOOGLE_REPO);
    const pinned = await open({ revision: oldCommit });
    await pinned.read("config.json");
    await pinned.read("pytorch_model.bin");
    const newCommit = hub.setRevision(GOOGLE_REPO, "main", {
      add: { "config.json": new TextEncoder().encode('{"changed":true}') },
    });

    const latest = await open();
    expect(latest.commit).toBe(newCommit);
    expect(new TextDecoder().decode((await latest.read("config.json"))!)).toBe('{"changed":true}');
    expect(await readFile(join(storage(env.cacheDir), "refs", "main"), "utf8")).toBe(newCommit);

    const before = hub.requests.length;
    const again = await open({ revision: oldCommit });
    expect((await again.read("config.json"))!.byteLength).toBe(69508);
    expect(hub.requests.length).toBe(before);
    expect(hub.downloads("pytorch_model.bin")).toBe(1); // same blob for both commits
  });

  it("loads refs/pr/N into its own snapshot; useSafetensors: true on main says where model.safetensors is", async () => {
    const error = await open({ useSafetensors: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubFileNotFoundError);
    expect((error as Error).message).toContain("refs/pr/1");

    const pr = await open({ revision: "refs/pr/1", useSafetensors: true });
    expect(pr.commit).toBe(hub.commit(GOOGLE_REPO, "refs/pr/1"));
    expect(pr.commit).not.toBe(hub.commit(GOOGLE_REPO));
    expect(await pr.exists("pytorch_model.bin")).toBe(false); // ruled out by useSafetensors: true
    expect(sha256((await pr.read("model.safetensors"))!)).toBe(
      "cf4ead39b1ae2f9d85640f80bebcb1da635e1a5776c7a5fb0f9e60567a4254c6",
    );
    expect(await readFile(join(storage(env.cacheDir), "refs", "refs", "pr", "1"), "utf8")).toBe(pr.commit);

    const bin = await open({ revision: "refs/pr/1", useSafetensors: false });
    expect(await bin.exists("model.safetensors")).toBe(false);
    expect(await bin.exists("pytorch_model.bin")).toBe(true);
  });

  it("reports progress per file and sends every request through the fetch override", async () => {
    const events: { file: string; loaded: number; total: number | undefined }[] = [];
    const urls: string[] = [];
    const fetchOverride: typeof fetch = (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const files = await open({ progress: (e) => events.push(e), fetch: fetchOverride });
    await files.read("pytorch_model.bin");
    const bin = events.filter((e) => e.file === "pytorch_model.bin");
    expect(bin[0]).toEqual({ file: "pytorch_model.bin", loaded: 0, total: 10460253 });
    expect(bin.at(-1)).toEqual({ file: "pytorch_model.bin", loaded: 10460253, total: 10460253 });
    // fetch follows the LFS redirect itself: one call, two requests.
    expect(urls.length).toBe(hub.requests.filter((r) => r.status !== 302).length);
    expect(urls.every((u) => u.startsWith(hub.url))).toBe(true);
  });

  it("uses HF_ENDPOINT when hubUrl is not given", async () => {
    process.env["HF_ENDPOINT"] = hub.url;
    const files = await openModelFiles({
      pathOrId: GOOGLE_REPO,
      files: ["config.json"],
      options: { cacheDir: env.cacheDir },
    });
    expect((await files.read("config.json"))!.byteLength).toBe(69508);
    expect(hub.requests.length).toBeGreaterThan(0);
  });
});
