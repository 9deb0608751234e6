import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { RepoCachePaths } from "./repo-cache-paths.js";

/**
 * What `refs/<revision>` holds, trimmed (huggingface_hub writes it without a newline; we trim anyway),
 * or `undefined` when there is no such ref.
 *
 * @example
 * await readRef({ paths, revision: "main" }) // "4f3e...", or undefined when never resolved
 */
export async function readRef(params: {
  paths: RepoCachePaths;
  revision: string;
}): Promise<string | undefined> {
  try {
    return (await readFile(params.paths.ref(params.revision), "utf8")).trim();
  } catch {
    return undefined;
  }
}

/**
 * Records `refs/<revision>` = `commit`, as huggingface_hub's `_cache_commit_hash_for_specific_revision`:
 * only when the revision is not the commit itself and the ref changed, written to a temporary file and
 * renamed (a reader never sees half a hash), and best-effort (a read-only cache still serves loads).
 */
export async function writeRef(params: {
  paths: RepoCachePaths;
  revision: string;
  commit: string;
}): Promise<void> {
  const { paths, revision, commit } = params;
  if (revision === commit) return;
  if ((await readRef({ paths, revision })) === commit) return;
  const path = paths.ref(revision);
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, commit);
    await rename(temporary, path);
  } catch {
    // Read-only cache: the load goes on; the next online load retries.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** Whether `.no_exist/<commit>/<file>` records that the repo has no such file at that commit. */
export async function isRecordedAbsent(params: {
  paths: RepoCachePaths;
  commit: string;
  file: string;
}): Promise<boolean> {
  try {
    return (await stat(params.paths.noExist(params.commit, params.file))).isFile();
  } catch {
    return false;
  }
}

/** Records that `file` does not exist at `commit` (`.no_exist/<commit>/<file>`), best-effort. */
export async function recordAbsent(params: {
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
