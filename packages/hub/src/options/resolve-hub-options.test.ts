import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS } from "@mobilenetv1/core/net";
import { describe, expect, it } from "vitest";
import { useHubTestEnv } from "../../test/hub-test-env.js";
import {
  HubRepoIdError,
  HubRevisionError,
  HubSettingError,
  HubTokenError,
} from "../errors/hub-argument-errors.js";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_HUB_URL,
  DEFAULT_RESUMES,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_REVISION,
} from "./hub-options.js";
import { isOfflineEnv, resolveHubOptions } from "./resolve-hub-options.js";
import { isValidRepoId, looksLikeRepoId } from "./validate-hub-args.js";

const repoId = "google/mobilenet_v1_1.0_224";

function catchError(fn: () => unknown): Error & Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected an error");
}

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

  it("refuses bad tokens (option or env) with HubTokenError that never holds the token", () => {
    const tokens = [
      "ghp_secret123",
      "hf_abc\ndef",
      "hf_abc def",
      "hf_abcé",
      "hf_\u0000x",
      "hf_ok\r\nX-Evil: 1",
    ];
    for (const token of tokens) {
      for (const [source, options] of [
        ["accessToken", { accessToken: token }],
        ["HF_TOKEN", {}],
      ] as const) {
        if (source === "HF_TOKEN") process.env["HF_TOKEN"] = token;
        const error = catchError(() => resolveHubOptions({ repoId, options }));
        delete process.env["HF_TOKEN"];
        expect(error, JSON.stringify(token)).toBeInstanceOf(HubTokenError);
        expect(error).toMatchObject({ code: "HUB_INVALID_TOKEN", argument: source, value: undefined });
        const everything = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
        expect(everything).not.toContain(token.slice(3));
      }
    }
    expect(() => resolveHubOptions({ repoId, options: { accessToken: "hf_AbC123xyz" } })).not.toThrow();
  });

  it("refuses bad repo ids, revisions and endpoints with HUB_INVALID_* errors naming the value", () => {
    for (const bad of [
      "bad id!!",
      "a--b/c",
      "a/b/c",
      "-a/b",
      "a/b.",
      "a/b.git",
      "a/..b",
      "",
      "x".repeat(97),
    ]) {
      const error = catchError(() => resolveHubOptions({ repoId: bad, options: {} }));
      expect(error, bad).toBeInstanceOf(HubRepoIdError);
      expect(error).toMatchObject({ code: "HUB_INVALID_REPO_ID", value: bad });
    }
    for (const revision of [
      "../x",
      "",
      "a//b",
      "/main",
      "main/",
      "a b",
      "a\nb",
      "a\\b",
      "v1:2",
      "x".repeat(256),
    ]) {
      const error = catchError(() => resolveHubOptions({ repoId, options: { revision } }));
      expect(error, revision).toBeInstanceOf(HubRevisionError);
      expect(error).toMatchObject({ code: "HUB_INVALID_REVISION", value: revision });
    }
    for (const revision of ["refs/pr/1", "v1.0", "feature/x", "0123456789abcdef0123456789abcdef01234567"]) {
      expect(() => resolveHubOptions({ repoId, options: { revision } })).not.toThrow();
    }
    for (const hubUrl of ["ftp://x", "not a url", "http://h/?token=1", "file:///etc"]) {
      const error = catchError(() => resolveHubOptions({ repoId, options: { hubUrl } }));
      expect(error, hubUrl).toBeInstanceOf(HubSettingError);
      expect(error).toMatchObject({ code: "HUB_INVALID_SETTING", argument: "hubUrl" });
    }
    process.env["HF_ENDPOINT"] = "ftp://user:password@mirror";
    const endpoint = catchError(() => resolveHubOptions({ repoId, options: {} }));
    expect(endpoint).toMatchObject({ argument: "HF_ENDPOINT", value: "ftp://mirror" });
    expect(endpoint.message).not.toContain("password");
  });

  it("reads HF_HUB_ETAG_TIMEOUT / HF_HUB_DOWNLOAD_TIMEOUT in seconds; options (ms) win; bad values name the variable", () => {
    expect(resolveHubOptions({ repoId, options: {} })).toMatchObject({
      connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
      readTimeoutMs: DEFAULT_READ_TIMEOUT_MS,
    });
    expect([DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS]).toEqual([10_000, 10_000]);
    process.env["HF_HUB_ETAG_TIMEOUT"] = "3";
    process.env["HF_HUB_DOWNLOAD_TIMEOUT"] = " 0.25 ";
    expect(resolveHubOptions({ repoId, options: {} })).toMatchObject({
      connectTimeoutMs: 3000,
      readTimeoutMs: 250,
    });
    expect(resolveHubOptions({ repoId, options: { connectTimeoutMs: 50, readTimeoutMs: 60 } })).toMatchObject(
      { connectTimeoutMs: 50, readTimeoutMs: 60 },
    );
    for (const [name, value] of [
      ["HF_HUB_ETAG_TIMEOUT", "0"],
      ["HF_HUB_ETAG_TIMEOUT", "-1"],
      ["HF_HUB_DOWNLOAD_TIMEOUT", "ten"],
      ["HF_HUB_DOWNLOAD_TIMEOUT", "1e3"],
      ["HF_HUB_DOWNLOAD_TIMEOUT", "Infinity"],
    ] as const) {
      process.env["HF_HUB_ETAG_TIMEOUT"] = "3";
      process.env["HF_HUB_DOWNLOAD_TIMEOUT"] = "3";
      process.env[name] = value;
      const error = catchError(() => resolveHubOptions({ repoId, options: {} }));
      expect(error, `${name}=${value}`).toBeInstanceOf(HubSettingError);
      expect(error).toMatchObject({ argument: name, value });
      expect(error.message).toContain(name);
    }
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = catchError(() => resolveHubOptions({ repoId, options: { readTimeoutMs: bad } }));
      expect(error).toMatchObject({ code: "HUB_INVALID_SETTING", argument: "readTimeoutMs" });
    }
  });

  it("takes core's per-file caps (options, then MOBILENET_MAX_*_FILE_BYTES); bad values name the setting", () => {
    const limits = (options = {}) => {
      const hub = resolveHubOptions({ repoId, options });
      return [hub.fileLimit("config.json").limit, hub.fileLimit("model.safetensors").limit];
    };
    expect(limits()).toEqual([16 * 2 ** 20, 2 ** 30]);
    process.env["MOBILENET_MAX_MODEL_FILE_BYTES"] = "5000";
    expect(limits()).toEqual([16 * 2 ** 20, 5000]);
    expect(limits({ maxJsonFileBytes: 10, maxModelFileBytes: 20 })).toEqual([10, 20]);
    process.env["MOBILENET_MAX_MODEL_FILE_BYTES"] = "5GB";
    expect(catchError(() => resolveHubOptions({ repoId, options: {} }))).toMatchObject({
      code: "HUB_INVALID_SETTING",
      argument: "MOBILENET_MAX_MODEL_FILE_BYTES",
      value: "5GB",
    });
    delete process.env["MOBILENET_MAX_MODEL_FILE_BYTES"];
    expect(catchError(() => resolveHubOptions({ repoId, options: { maxJsonFileBytes: 0 } }))).toMatchObject({
      argument: "maxJsonFileBytes",
    });
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
    // Folder or id: what looks like a path is left to core's local-folder source and its error.
    expect(["bad id!!", "org/name", "gpt2"].map(looksLikeRepoId)).toEqual([true, true, true]);
    expect(["./x", "/abs", "~/m", "C:\\m", "a\\b", "a/b/c", "../m", ""].map(looksLikeRepoId)).toEqual(
      Array(8).fill(false),
    );
  });
});
