import { ConfigError, MODEL_FILES } from "@mobilenetv1/core";
import { fileByteLimit, MAX_JSON_FILE_BYTES_ENV, MAX_MODEL_FILE_BYTES_ENV } from "@mobilenetv1/core/io";
import { redactUrl } from "@mobilenetv1/core/net";
import { HubSettingError } from "../errors/hub-argument-errors.js";
import { createHubFetch, type HubFetch } from "../net/hub-fetch.js";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_HUB_URL,
  DEFAULT_RETRY_DELAY_MS,
  DEFAULT_REVISION,
  type HubOptions,
} from "./hub-options.js";
import { resolveTimeouts } from "./read-timeouts.js";
import { assertRepoId, assertRevision, assertToken, checkHubUrl } from "./validate-hub-args.js";

/** Options with the environment and defaults applied; what the rest of the package works with. */
export interface ResolvedHubOptions {
  repoId: string;
  revision: string;
  /** The endpoint as configured: may hold `user:password@`, sent as Basic auth by core's fetchWithTimeouts. */
  hubUrl: string;
  /** {@link hubUrl} fit for messages, error fields and logs: no credentials, no query. */
  hubUrlForDisplay: string;
  accessToken: string | undefined;
  /** Why the network must not be used, or `undefined` when it may. */
  offline: "localFilesOnly" | "HF_HUB_OFFLINE" | undefined;
  useSafetensors: boolean | undefined;
  progress: HubOptions["progress"];
  /** User's `cacheDir`, unresolved (Node and browsers resolve it differently). */
  cacheDir: string | undefined;
  hubFetch: HubFetch;
  attempts: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /**
   * Largest size of `file` downloaded or read from the cache, in bytes: core's per-file caps (the
   * `maxJsonFileBytes` / `maxModelFileBytes` options, `MOBILENET_MAX_*_FILE_BYTES`), the same a local
   * folder gets, with the name of the setting for messages.
   */
  fileLimit(file: string): { limit: number; limitName: string };
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

/**
 * Applies `HF_ENDPOINT`, `HF_TOKEN`, `HF_HUB_OFFLINE`, `HF_HUB_ETAG_TIMEOUT`, `HF_HUB_DOWNLOAD_TIMEOUT`
 * and the defaults, and validates the repo id, revision, token and endpoint (typed `HUB_INVALID_*` errors). Options win over the environment,
 * except that `HF_HUB_OFFLINE=1` always keeps the network off (as in huggingface_hub).
 *
 * @example
 * resolveHubOptions({ repoId: "google/mobilenet_v1_1.0_224", options: {} }).hubUrl // "https://huggingface.co"
 */
export function resolveHubOptions(params: { repoId: string; options: HubOptions }): ResolvedHubOptions {
  const { repoId, options } = params;
  // Everything is checked before any request, so a bad value is a typed error, never a fetch failure.
  assertRepoId(repoId);
  const tokenSource =
    options.accessToken !== undefined
      ? "accessToken"
      : readEnv("HF_TOKEN") !== undefined
        ? "HF_TOKEN"
        : "HUGGING_FACE_HUB_TOKEN";
  const accessToken = options.accessToken ?? readEnv("HF_TOKEN") ?? readEnv("HUGGING_FACE_HUB_TOKEN");
  if (accessToken !== undefined) assertToken({ token: accessToken, source: tokenSource });
  const revision = options.revision ?? DEFAULT_REVISION;
  assertRevision(revision);
  const hubUrl =
    options.hubUrl !== undefined
      ? checkHubUrl({ hubUrl: options.hubUrl, argument: "hubUrl" })
      : checkHubUrl({ hubUrl: readEnv("HF_ENDPOINT") ?? DEFAULT_HUB_URL, argument: "HF_ENDPOINT" });
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const timeouts = resolveTimeouts({ options, readEnv });
  const limitEnv = {
    [MAX_JSON_FILE_BYTES_ENV]: readEnv(MAX_JSON_FILE_BYTES_ENV),
    [MAX_MODEL_FILE_BYTES_ENV]: readEnv(MAX_MODEL_FILE_BYTES_ENV),
  };
  const fileLimit = (file: string) => fileByteLimit({ name: file, options, env: limitEnv });
  // Bad values fail here, before any request, as a hub setting error like the other knobs.
  for (const probe of [MODEL_FILES.config, MODEL_FILES.safetensors]) {
    try {
      const { limit } = fileLimit(probe);
      if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(String(limit));
    } catch (error) {
      const option = probe.endsWith(".json") ? "maxJsonFileBytes" : "maxModelFileBytes";
      throw new HubSettingError({
        argument: error instanceof ConfigError ? error.field : option,
        value: error instanceof ConfigError ? String(error.value) : (error as Error).message,
        expected: "a positive whole number of bytes",
      });
    }
  }
  return {
    repoId,
    revision,
    hubUrl,
    hubUrlForDisplay: redactUrl(hubUrl).replace(/\/+$/, ""),
    accessToken,
    offline: isOfflineEnv() ? "HF_HUB_OFFLINE" : options.localFilesOnly ? "localFilesOnly" : undefined,
    useSafetensors: options.useSafetensors,
    progress: options.progress,
    cacheDir: options.cacheDir,
    hubFetch: createHubFetch({
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      attempts,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      ...timeouts,
    }),
    attempts,
    ...timeouts,
    fileLimit,
  };
}
