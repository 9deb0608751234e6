import { InputError } from "@mobilenetv1/core";
import { createHubFetch, type HubFetch } from "../net/hub-fetch.js";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_HUB_URL,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_REVISION,
  type HubOptions,
} from "./hub-options.js";

/** Options with the environment and defaults applied; what the rest of the package works with. */
export interface ResolvedHubOptions {
  repoId: string;
  revision: string;
  hubUrl: string;
  accessToken: string | undefined;
  /** Why the network must not be used, or `undefined` when it may. */
  offline: "localFilesOnly" | "HF_HUB_OFFLINE" | undefined;
  useSafetensors: boolean | undefined;
  progress: HubOptions["progress"];
  /** User's `cacheDir`, unresolved (Node and browsers resolve it differently). */
  cacheDir: string | undefined;
  hubFetch: HubFetch;
  attempts: number;
}

// Same truthy spellings as huggingface_hub's constants._is_true.
const TRUE_VALUES = new Set(["1", "ON", "YES", "TRUE"]);

/** Reads an environment variable at call time (never at import), and nothing in browsers. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === "" ? undefined : value;
}

/** Whether HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE, as huggingface_hub reads it) is set to a true value. */
export function isOfflineEnv(): boolean {
  const value = readEnv("HF_HUB_OFFLINE") ?? readEnv("TRANSFORMERS_OFFLINE");
  return value !== undefined && TRUE_VALUES.has(value.toUpperCase());
}

/** Repo ids as the hub accepts them: `name` or `org/name`, no `--` or `..` (they break the cache layout). */
export function isValidRepoId(repoId: string): boolean {
  return (
    /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/.test(repoId) &&
    !repoId.includes("--") &&
    !repoId.includes("..")
  );
}

/**
 * Applies `HF_ENDPOINT`, `HF_TOKEN`, `HF_HUB_OFFLINE` and the defaults. Options win over the environment,
 * except that `HF_HUB_OFFLINE=1` always keeps the network off (as in huggingface_hub).
 *
 * @example
 * resolveHubOptions({ repoId: "google/mobilenet_v1_1.0_224", options: {} }).hubUrl // "https://huggingface.co"
 */
export function resolveHubOptions(params: { repoId: string; options: HubOptions }): ResolvedHubOptions {
  const { repoId, options } = params;
  if (!isValidRepoId(repoId)) {
    throw new InputError({
      argument: "repoId",
      value: repoId,
      expected: 'a Hugging Face repo id like "org/name"',
    });
  }
  const accessToken = options.accessToken ?? readEnv("HF_TOKEN") ?? readEnv("HUGGING_FACE_HUB_TOKEN");
  if (accessToken !== undefined && !accessToken.startsWith("hf_")) {
    // @huggingface/hub refuses such tokens with a TypeError; say it our way, without echoing the token.
    throw new InputError({
      argument: "accessToken",
      value: "<redacted>",
      expected: 'a Hugging Face token starting with "hf_"',
    });
  }
  const revision = options.revision ?? DEFAULT_REVISION;
  // Git refuses these in ref names; here they would also walk out of refs/ in the cache.
  if (
    revision === "" ||
    revision.includes("..") ||
    revision.startsWith("/") ||
    revision.includes("\\") ||
    revision.includes("\0")
  ) {
    throw new InputError({
      argument: "revision",
      value: revision,
      expected: "a branch, a tag, a commit hash or refs/pr/N",
    });
  }
  const hubUrl = (options.hubUrl ?? readEnv("HF_ENDPOINT") ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  return {
    repoId,
    revision,
    hubUrl,
    accessToken,
    offline: isOfflineEnv() ? "HF_HUB_OFFLINE" : options.localFilesOnly ? "localFilesOnly" : undefined,
    useSafetensors: options.useSafetensors,
    progress: options.progress,
    cacheDir: options.cacheDir,
    hubFetch: createHubFetch({
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      attempts,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    }),
    attempts,
  };
}
