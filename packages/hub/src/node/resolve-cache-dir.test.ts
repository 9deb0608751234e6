import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { useHubTestEnv } from "../../test/hub-test-env.js";
import { resolveCacheDir } from "./resolve-cache-dir.js";

// Order from huggingface_hub/constants.py: HF_HUB_CACHE > HUGGINGFACE_HUB_CACHE > $HF_HOME/hub >
// $XDG_CACHE_HOME/huggingface/hub > ~/.cache/huggingface/hub, with ~ expanded.
describe("resolveCacheDir", () => {
  useHubTestEnv();

  it("follows huggingface_hub's environment order", () => {
    delete process.env["HF_HOME"];
    expect(resolveCacheDir({})).toBe(join(homedir(), ".cache", "huggingface", "hub"));
    process.env["XDG_CACHE_HOME"] = "/x/cache";
    expect(resolveCacheDir({})).toBe("/x/cache/huggingface/hub");
    process.env["HF_HOME"] = "/h/home";
    expect(resolveCacheDir({})).toBe("/h/home/hub");
    process.env["HUGGINGFACE_HUB_CACHE"] = "/legacy/hub";
    expect(resolveCacheDir({})).toBe("/legacy/hub");
    process.env["HF_HUB_CACHE"] = "/new/hub";
    expect(resolveCacheDir({})).toBe("/new/hub");
    expect(resolveCacheDir({ cacheDir: "rel/cache" })).toBe(resolve("rel/cache"));
  });

  it("expands ~ like Python's expanduser", () => {
    process.env["HF_HOME"] = "~/hf";
    expect(resolveCacheDir({})).toBe(join(homedir(), "hf", "hub"));
    expect(resolveCacheDir({ cacheDir: "~/c" })).toBe(join(homedir(), "c"));
  });
});
