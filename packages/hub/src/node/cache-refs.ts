import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { COMMIT_HASH } from "../net/resolve-commit.js";
import type { RepoCachePaths } from "./repo-cache-paths.js";

/**
 * The commit a revision points to according to the cache: the revision itself when it is a commit
 * hash, else the content of `refs/<revision>` (huggingface_hub writes it without a newline; we trim
 * anyway), else `undefined`.
 *
 * @example
 * await readCachedRef({ paths, revision: "main" }) // "4f3e...", or undefined when never resolved
 */
export async function readCachedRef(params: {
  paths: RepoCachePaths;
  revision: string;
}): Promise<string | undefined> {
  if (COMMIT_HASH.test(params.revision)) return params.revision;
  try {
    const commit = (await readFile(params.paths.ref(params.revision), "utf8")).trim();
    return COMMIT_HASH.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records `refs/<revision>` = `commit`, as huggingface_hub's `_cache_commit_hash_for_specific_revision`:
 * only when the revision is not the commit itself and the ref changed, and best-effort (a read-only
 * cache still serves loads).
 */
export async function writeCachedRef(params: {
  paths: RepoCachePaths;
  revision: string;
  commit: string;
}): Promise<void> {
  const { paths, revision, commit } = params;
  if (revision === commit) return;
  if ((await readCachedRef({ paths, revision })) === commit) return;
  try {
    const path = paths.ref(revision);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, commit);
  } catch {
    // Read-only cache: the load goes on; the next online load retries.
  }
}

/** Records that `file` does not exist at `commit` (`.no_exist/<commit>/<file>`), best-effort. */
export async function writeNoExist(params: {
  paths: RepoCachePaths;
  commit: string;
  file: string;
}): Promise<void> {
  try {
    const path = params.paths.noExist(params.commit, params.file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, "");
  } catch {
    // Only an optimization for later offline loads.
  }
}
