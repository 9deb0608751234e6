// Loads of one repo at the same time download each file once: in one process (a promise per file)
// and across processes (a lock file per blob).
import { spawn } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { openModelFiles } from "@mobilenetv1/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import "../src/index.js";
import {
  GOOGLE_REPO,
  googleLikeRepos,
  MODEL_FILES,
  type MockHub,
  SHARED_REPO,
  startMockHub,
} from "@mobilenetv1/test-support/mock-hub";
import { optionalSharedDir } from "@mobilenetv1/test-support/shared-dir";
import { useHubTestEnv } from "./hub-test-env.js";

const shared = optionalSharedDir();
const BIN_SHA256 = "51923c2d9c9204b04b89443917caf16f976483c30c24976141f851b65974a65b";
const REPO_ROOT = join(import.meta.dirname, "../../..");

describe.skipIf(!shared)("concurrent loads", () => {
  const env = useHubTestEnv();
  let hub: MockHub;
  beforeEach(async () => {
    hub = await startMockHub({ sharedDir: shared!, repos: googleLikeRepos(shared!) });
  });
  afterEach(() => hub.close());
  const load = async () => {
    const files = await openModelFiles({
      pathOrId: GOOGLE_REPO,
      files: MODEL_FILES,
      options: { hubUrl: hub.url, cacheDir: env.cacheDir },
    });
    const [config, bin] = await Promise.all([files.read("config.json"), files.read("pytorch_model.bin")]);
    return { config: config!.byteLength, bin: bin!.byteLength };
  };

  it("8 concurrent loads in one process download each file once", async () => {
    hub.fault({ file: "pytorch_model.bin", delayMs: 300 });
    const results = await Promise.all(Array.from({ length: 8 }, load));
    expect(results).toEqual(Array(8).fill({ config: 69508, bin: 10460253 }));
    expect(hub.downloads("config.json")).toBe(1);
    expect(hub.downloads("pytorch_model.bin")).toBe(1);
  });

  it("3 processes sharing the cache download each file once", async () => {
    hub.fault({ file: "pytorch_model.bin", delayMs: 3000, times: 3 });
    const runs = [0, 1, 2].map(async (i) => {
      const out = join(env.cacheDir, `..`, `child-${i}.json`);
      const childEnv = { hubUrl: hub.url, cacheDir: env.cacheDir, repoId: SHARED_REPO, out };
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            join(REPO_ROOT, "node_modules/vitest/vitest.mjs"),
            "run",
            "--config",
            "packages/hub/test/child/vitest.child.config.ts",
          ],
          {
            cwd: REPO_ROOT,
            env: { ...process.env, MOBILENET_HUB_CHILD: JSON.stringify(childEnv) },
            stdio: "ignore",
          },
        );
        child.on("exit", resolve);
      });
      return { code, result: JSON.parse(await readFile(out, "utf8")) as { size: number } };
    });
    const results = await Promise.all(runs);
    expect(results.map((r) => [r.code, r.result.size])).toEqual([
      [0, 10460253],
      [0, 10460253],
      [0, 10460253],
    ]);
    expect(hub.downloads("pytorch_model.bin", SHARED_REPO)).toBe(1);
    expect(hub.downloads("config.json", SHARED_REPO)).toBe(1);
  }, 120_000);

  it("waits for a download another process holds the lock of, then uses its blob", async () => {
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      const storage = join(env.cacheDir, "models--google--mobilenet_v1_1.0_224");
      const lock = join(
        env.cacheDir,
        ".locks",
        "models--google--mobilenet_v1_1.0_224",
        `${BIN_SHA256}.node.lock`,
      );
      await mkdir(join(lock, ".."), { recursive: true });
      await writeFile(lock, JSON.stringify({ pid: other.pid, hostname: hostname(), createdAt: Date.now() }));
      const loading = load();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(hub.downloads("pytorch_model.bin")).toBe(0); // still waiting
      // The other process finishes: its blob appears, its lock goes.
      await mkdir(join(storage, "blobs"), { recursive: true });
      await copyFile(
        join(shared!, "hf", "keras_mobilenet_v1_0.75_224", "pytorch_model.bin"),
        join(storage, "blobs", BIN_SHA256),
      );
      const { rm } = await import("node:fs/promises");
      await rm(lock);
      expect(await loading).toEqual({ config: 69508, bin: 10460253 });
      expect(hub.downloads("pytorch_model.bin")).toBe(0);
    } finally {
      other.kill();
    }
  });

  it("takes over the lock of a process that died", async () => {
    const dead = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    await new Promise((resolve) => dead.on("exit", resolve));
    const lock = join(
      env.cacheDir,
      ".locks",
      "models--google--mobilenet_v1_1.0_224",
      `${BIN_SHA256}.node.lock`,
    );
    await mkdir(join(lock, ".."), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: dead.pid, hostname: hostname(), createdAt: Date.now() }));
    expect(await load()).toEqual({ config: 69508, bin: 10460253 });
    expect(hub.downloads("pytorch_model.bin")).toBe(1);
  });
});
