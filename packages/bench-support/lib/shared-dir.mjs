// Where benchmarks find their inputs: the repository (samples/) and the shared assets folder beside it
// (real checkpoints, the COCO cats image, the original TF.js models), as the tests find them.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/bench-support/lib/shared-dir.mjs). */
export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");

/** The shared assets folder: `$MOBILENET_SHARED_DIR`, else `<repo>/../shared` (as the tests). */
export const SHARED = process.env.MOBILENET_SHARED_DIR ?? resolve(REPO_ROOT, "../shared");

/** A shared file's path; throws with a hint when the shared folder lacks it. */
export function shared(rel) {
  const path = join(SHARED, rel);
  if (!existsSync(path))
    throw new Error(`${path} is missing (set MOBILENET_SHARED_DIR to the shared folder)`);
  return path;
}
