import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS } from "@mobilenetv1/core/net";
import { HubSettingError } from "../errors/hub-argument-errors.js";
import type { HubOptions } from "./hub-options.js";

/** Environment variable (seconds, as huggingface_hub reads it) for {@link HubOptions.connectTimeoutMs}. */
export const CONNECT_TIMEOUT_ENV = "HF_HUB_ETAG_TIMEOUT";
/** Environment variable (seconds, as huggingface_hub reads it) for {@link HubOptions.readTimeoutMs}. */
export const READ_TIMEOUT_ENV = "HF_HUB_DOWNLOAD_TIMEOUT";

/**
 * The connect and idle-read timeouts: the option (ms), else the environment variable (seconds, as
 * huggingface_hub reads `HF_HUB_ETAG_TIMEOUT` / `HF_HUB_DOWNLOAD_TIMEOUT`), else core's defaults (10 s).
 * A value that is not a positive number is a {@link HubSettingError} naming the option or variable.
 * (huggingface_hub also takes only integers, and silently uses its default for `0`; a fraction such
 * as `0.5` is accepted here.)
 *
 * @example
 * process.env.HF_HUB_DOWNLOAD_TIMEOUT = "60";
 * resolveTimeouts({ options: {}, readEnv }) // { connectTimeoutMs: 10000, readTimeoutMs: 60000 }
 */
export function resolveTimeouts(params: {
  options: Pick<HubOptions, "connectTimeoutMs" | "readTimeoutMs">;
  readEnv: (name: string) => string | undefined;
}): { connectTimeoutMs: number; readTimeoutMs: number } {
  const pick = (option: "connectTimeoutMs" | "readTimeoutMs", env: string, fallback: number) => {
    const fromOption = params.options[option];
    if (fromOption !== undefined) {
      if (!(Number.isFinite(fromOption) && fromOption > 0)) {
        throw new HubSettingError({
          argument: option,
          value: String(fromOption),
          expected: "a positive number of milliseconds",
        });
      }
      return fromOption;
    }
    const raw = params.readEnv(env);
    if (raw === undefined) return fallback;
    const seconds = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(seconds > 0)) {
      throw new HubSettingError({
        argument: env,
        value: raw,
        expected: "a positive number of seconds, e.g. 10",
      });
    }
    return Math.max(1, Math.round(seconds * 1000));
  };
  return {
    connectTimeoutMs: pick("connectTimeoutMs", CONNECT_TIMEOUT_ENV, DEFAULT_CONNECT_TIMEOUT_MS),
    readTimeoutMs: pick("readTimeoutMs", READ_TIMEOUT_ENV, DEFAULT_READ_TIMEOUT_MS),
  };
}
