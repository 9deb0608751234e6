import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The read-only shared data folder: `MOBILENET_SHARED_DIR`, else `../shared` next to the repo root.
 * Returns `undefined` when it is missing, except in CI (`CI=true`), where a missing folder is an error:
 * tests that need it must fail there, not skip.
 */
export function sharedDir(): string | undefined {
  const dir = resolve(REPO_ROOT, process.env["MOBILENET_SHARED_DIR"] ?? "../shared");
  if (existsSync(`${dir}/hf`)) return dir;
  if (process.env["CI"] === "true") {
    throw new Error(`shared test data not found at ${dir} (set MOBILENET_SHARED_DIR); CI needs it`);
  }
  return undefined;
}
