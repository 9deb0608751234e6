// One "process" of the cross-process test (concurrency.test.ts): loads a repo through the shared cache.
import { writeFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { openRepo } from "../../src/index.js";

it("loads the repo through the shared cache", async () => {
  const env = JSON.parse(process.env["MOBILENET_HUB_CHILD"] ?? "{}") as {
    hubUrl: string;
    cacheDir: string;
    repoId: string;
    out: string;
  };
  const files = await openRepo({
    repoId: env.repoId,
    files: ["config.json", "pytorch_model.bin"],
    options: { hubUrl: env.hubUrl, cacheDir: env.cacheDir },
  });
  const [bin] = await Promise.all([files.read("pytorch_model.bin"), files.read("config.json")]);
  expect(bin?.byteLength).toBeGreaterThan(0);
  await writeFile(env.out, JSON.stringify({ pid: process.pid, size: bin?.byteLength, commit: files.commit }));
});
