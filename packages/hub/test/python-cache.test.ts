// The cache is huggingface_hub's: a snapshot written the way Python writes it is found and used
// offline, and what we write is found by Python's lookup (try_to_load_from_cache) and by
// @huggingface/hub's cache scanner. fixtures/python_hub_cache.py mirrors file_download.py.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { scanCachedRepo } from "@huggingface/hub";
import { openModelFiles } from "@mobilenetv1/core";
import { GOOGLE_REPO, googleLikeRepos, MODEL_FILES, startMockHub } from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { download, openRepo } from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const SCRIPT = join(import.meta.dirname, "fixtures", "python_hub_cache.py");
const python = findPython();
const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function findPython(): string | undefined {
  for (const candidate of ["python3", "python"]) {
    try {
      execFileSync(candidate, ["--version"], { stdio: "ignore" });
      return candidate;
    } catch {
      // try the next one
    }
  }
  if (process.env["CI"] === "true") throw new Error("python3 is needed for the cache-layout test in CI");
  return undefined;
}

function runPython(command: "write" | "read", spec: unknown): Record<string, unknown> {
  return JSON.parse(
    execFileSync(python!, [SCRIPT, command], { input: JSON.stringify(spec), encoding: "utf8" }),
  );
}

describe.skipIf(!shared || !python)("huggingface_hub cache layout", () => {
  const env = useHubTestEnv();
  const folder = () => join(shared!, "hf", "keras_mobilenet_v1_0.75_224");

  it("finds and uses, offline, a snapshot Python's layout holds (HF_HUB_CACHE, refs/main, relative links)", async () => {
    const bin = await readFile(join(folder(), "pytorch_model.bin"));
    const config = await readFile(join(folder(), "config.json"));
    runPython("write", {
      cache_dir: env.cacheDir,
      repo_id: GOOGLE_REPO,
      revision: "main",
      commit: COMMIT,
      files: [
        { name: "config.json", source: join(folder(), "config.json"), etag: gitSha1(config) },
        { name: "pytorch_model.bin", source: join(folder(), "pytorch_model.bin"), etag: sha256(bin) },
      ],
    });
    process.env["HF_HUB_CACHE"] = env.cacheDir; // found through the environment, as Python finds it
    process.env["HF_HUB_OFFLINE"] = "1";
    const files = (await openModelFiles({ pathOrId: GOOGLE_REPO, files: MODEL_FILES })) as Awaited<
      ReturnType<typeof openRepo>
    >;
    expect(files.commit).toBe(COMMIT);
    expect(await files.exists("model.safetensors")).toBe(false);
    expect(await files.exists("pytorch_model.bin")).toBe(true);
    expect(sha256((await files.read("pytorch_model.bin"))!)).toBe(sha256(bin));
    expect((await files.read("config.json"))!.byteLength).toBe(config.byteLength);
  });

  it("writes what Python's try_to_load_from_cache and @huggingface/hub's scanCachedRepo read", async () => {
    const hub = await startMockHub({ sharedDir: shared!, repos: googleLikeRepos(shared!) });
    try {
      const options = { hubUrl: hub.url, cacheDir: env.cacheDir };
      const files = await openRepo({ repoId: GOOGLE_REPO, files: MODEL_FILES, options });
      await files.read("config.json");
      await files.read("pytorch_model.bin");
      await download({
        repoId: GOOGLE_REPO,
        revision: "refs/pr/1",
        files: ["model.safetensors"],
        ...options,
      });

      const seen = runPython("read", {
        cache_dir: env.cacheDir,
        repo_id: GOOGLE_REPO,
        revision: "main",
        files: ["config.json", "pytorch_model.bin", "model.safetensors", "tf_model.h5"],
      });
      const bin = await readFile(join(folder(), "pytorch_model.bin"));
      expect(seen["pytorch_model.bin"]).toEqual({
        status: "CACHED",
        size: bin.byteLength,
        is_symlink: true,
        link: `../../blobs/${sha256(bin)}`,
        blob: sha256(bin),
      });
      expect(seen["config.json"]).toMatchObject({ status: "CACHED", size: 69508, is_symlink: true });
      expect(seen["model.safetensors"]).toEqual({ status: "NO_EXIST" }); // our .no_exist marker, read by Python
      expect(seen["tf_model.h5"]).toEqual({ status: "NOT_CACHED" });
      const pr = runPython("read", {
        cache_dir: env.cacheDir,
        repo_id: GOOGLE_REPO,
        revision: "refs/pr/1",
        files: ["model.safetensors"],
      });
      expect(pr["model.safetensors"]).toMatchObject({ status: "CACHED", size: 10426464 });

      const scanned = await scanCachedRepo(join(env.cacheDir, "models--google--mobilenet_v1_1.0_224"));
      expect(scanned.id).toEqual({ name: GOOGLE_REPO, type: "model" });
      const main = scanned.revisions.find((r) => r.commitOid === hub.commit(GOOGLE_REPO))!;
      expect(main.refs).toEqual(["main"]);
      expect(main.files.map((f) => f.path.split("/").at(-1)).sort()).toEqual([
        "config.json",
        "pytorch_model.bin",
      ]);
      expect(scanned.revisions.map((r) => r.commitOid).sort()).toEqual(
        [hub.commit(GOOGLE_REPO), hub.commit(GOOGLE_REPO, "refs/pr/1")].sort(),
      );
    } finally {
      await hub.close();
    }
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function gitSha1(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}
