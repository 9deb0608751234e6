import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { useHubTestEnv } from "../../test/hub-test-env.js";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_HUB_URL,
  DEFAULT_RESUMES,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_REVISION,
} from "./hub-options.js";
import { isOfflineEnv, isValidRepoId, resolveHubOptions } from "./resolve-hub-options.js";

const repoId = "google/mobilenet_v1_1.0_224";

describe("resolveHubOptions", () => {
  useHubTestEnv();

  it("documents its defaults in exported constants (huggingface_hub's values)", () => {
    expect([
      DEFAULT_HUB_URL,
      DEFAULT_REVISION,
      DEFAULT_ATTEMPTS,
      DEFAULT_RETRY_DELAY_MS,
      DEFAULT_RESUMES,
    ]).toEqual(["https://huggingface.co", "main", 3, 250, 5]);
    const hub = resolveHubOptions({ repoId, options: {} });
    expect(hub).toMatchObject({
      hubUrl: DEFAULT_HUB_URL,
      revision: DEFAULT_REVISION,
      accessToken: undefined,
      offline: undefined,
    });
    expect(hub.attempts).toBe(DEFAULT_ATTEMPTS);
  });

  it("reads HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE at call time; options win, except offline", () => {
    process.env["HF_ENDPOINT"] = "https://mirror.example/";
    process.env["HF_TOKEN"] = "hf_fromEnv";
    expect(resolveHubOptions({ repoId, options: {} })).toMatchObject({
      hubUrl: "https://mirror.example",
      accessToken: "hf_fromEnv",
    });
    expect(
      resolveHubOptions({ repoId, options: { hubUrl: "http://127.0.0.1:1", accessToken: "hf_opt" } }),
    ).toMatchObject({
      hubUrl: "http://127.0.0.1:1",
      accessToken: "hf_opt",
    });
    expect(resolveHubOptions({ repoId, options: { localFilesOnly: true } }).offline).toBe("localFilesOnly");
    for (const on of ["1", "true", "YES", "on"]) {
      process.env["HF_HUB_OFFLINE"] = on;
      expect(isOfflineEnv()).toBe(true);
      expect(resolveHubOptions({ repoId, options: { localFilesOnly: false } }).offline).toBe(
        "HF_HUB_OFFLINE",
      );
    }
    process.env["HF_HUB_OFFLINE"] = "0";
    expect(isOfflineEnv()).toBe(false);
  });

  it("refuses a token that is not an HF token without echoing it, bad repo ids and revisions", () => {
    const error = (() => {
      try {
        resolveHubOptions({ repoId, options: { accessToken: "ghp_secret123" } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(`${error?.message} ${JSON.stringify(error)}`).not.toContain("ghp_secret123");
    expect(() => resolveHubOptions({ repoId: "a--b/c", options: {} })).toThrow(InputError);
    expect(() => resolveHubOptions({ repoId, options: { revision: "../x" } })).toThrow(InputError);
    expect(() => resolveHubOptions({ repoId, options: { revision: "refs/pr/1" } })).not.toThrow();
  });

  it("isValidRepoId accepts hub ids and refuses paths", () => {
    expect(["google/mobilenet_v1_1.0_224", "gpt2", "Org-1/name.v2"].map(isValidRepoId)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["./x", "/abs/path", "a/b/c", "a/../b", "a--b/c", "", "C:\\x"].map(isValidRepoId)).toEqual(
      Array(7).fill(false),
    );
  });
});
