import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";

const HUB_ENV = /^(HF_|HUGGINGFACE_|HUGGING_FACE_|TRANSFORMERS_OFFLINE$|XDG_CACHE_HOME$)/;

/**
 * Gives each test a fresh temp cache folder and an environment without HF_* variables (restored after),
 * so no test reads or writes the user's real cache or token.
 *
 * @example
 * const env = useHubTestEnv();
 * it("...", async () => { await openRepo({ ..., options: { cacheDir: env.cacheDir } }); });
 */
export function useHubTestEnv(): { readonly cacheDir: string } {
  const state = { cacheDir: "" };
  let saved: Record<string, string | undefined> = {};
  beforeEach(async () => {
    saved = {};
    for (const key of Object.keys(process.env)) {
      if (HUB_ENV.test(key)) {
        saved[key] = process.env[key];
        delete process.env[key];
      }
    }
    // Anything that would fall back to the default cache lands in the temp folder too.
    state.cacheDir = await mkdtemp(join(tmpdir(), "mnv1-hub-"));
    process.env["HF_HOME"] = join(state.cacheDir, "hf-home");
  });
  afterEach(async () => {
    for (const key of Object.keys(process.env)) if (HUB_ENV.test(key)) delete process.env[key];
    Object.assign(process.env, saved);
    await rm(state.cacheDir, { recursive: true, force: true });
  });
  return {
    get cacheDir() {
      return join(state.cacheDir, "hub");
    },
  };
}
