import { mkdir, stat } from "node:fs/promises";
import {
  HubAccessError,
  HubFileNotFoundError,
  HubNetworkError,
  HubOfflineError,
} from "../errors/hub-errors.js";
import { listRemoteFiles } from "../net/list-remote-files.js";
import type { RemoteFile } from "../net/remote-file.js";
import { remoteFilesInfo } from "../net/remote-files-info.js";
import { resolveCommit } from "../net/resolve-commit.js";
import type { HubOptions } from "../options/hub-options.js";
import { type ResolvedHubOptions, resolveHubOptions } from "../options/resolve-hub-options.js";
import { readCachedRef, writeCachedRef } from "./cache-refs.js";
import { ensureCachedFile } from "./ensure-cached-file.js";
import { repoCachePaths } from "./repo-cache-paths.js";
import { resolveCacheDir } from "./resolve-cache-dir.js";

/** Files downloaded at once by {@link download}. */
export const DOWNLOAD_CONCURRENCY = 4;

/**
 * Downloads a repo (or some of its files) into the cache, like huggingface_hub's `snapshot_download`,
 * and returns the snapshot folder: a local folder any `fromPretrained` (ours or Python's) can open.
 * Offline, or when the hub is unreachable, the cached snapshot of the revision is returned if there is
 * one. Every listed path is checked first: a listing with `../x` or an absolute path downloads nothing.
 *
 * @example
 * const folder = await download({ repoId: "google/mobilenet_v1_1.0_224", revision: "main" });
 * // "~/.cache/huggingface/hub/models--google--mobilenet_v1_1.0_224/snapshots/<commit>"
 */
export async function download(
  params: HubOptions & {
    /** `org/name` on the hub. */
    repoId: string;
    /** Only these files. @default every file of the revision */
    files?: readonly string[];
  },
): Promise<string> {
  const { repoId, files, ...options } = params;
  const hub = resolveHubOptions({ repoId, options });
  const cacheDir = resolveCacheDir({ cacheDir: hub.cacheDir });
  const paths = repoCachePaths({ cacheDir, repoId });
  const cachedSnapshot = async () => {
    const commit = await readCachedRef({ paths, revision: hub.revision });
    if (!commit || !(await isDirectory(paths.snapshot(commit)))) return undefined;
    for (const file of files ?? []) if (!(await isFile(paths.pointer(commit, file)))) return undefined;
    return paths.snapshot(commit);
  };

  if (hub.offline) {
    const cached = await cachedSnapshot();
    if (cached) return cached;
    const commit = await readCachedRef({ paths, revision: hub.revision });
    const missingFiles: string[] = [];
    if (commit && (await isDirectory(paths.snapshot(commit)))) {
      for (const file of files ?? [])
        if (!(await isFile(paths.pointer(commit, file)))) missingFiles.push(file);
    }
    throw new HubOfflineError({
      repoId,
      revision: hub.revision,
      cacheDir,
      reason: hub.offline,
      ...(missingFiles.length > 0 ? { commit, missingFiles } : {}),
    });
  }

  let commit: string;
  let remote: RemoteFile[];
  try {
    commit = await resolveCommit({ hub });
    remote = files ? await requiredFiles({ hub, commit, files }) : await listRemoteFiles({ hub, commit });
  } catch (error) {
    if (!(error instanceof HubNetworkError || error instanceof HubAccessError)) throw error;
    const cached = await cachedSnapshot();
    if (cached) return cached;
    throw error;
  }

  await writeCachedRef({ paths, revision: hub.revision, commit });
  await mkdir(paths.snapshot(commit), { recursive: true });
  const queue = [...remote];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift())
      await ensureCachedFile({ hub, paths, commit, file });
  };
  await Promise.all(Array.from({ length: DOWNLOAD_CONCURRENCY }, worker));
  return paths.snapshot(commit);
}

async function requiredFiles(params: { hub: ResolvedHubOptions; commit: string; files: readonly string[] }) {
  const info = await remoteFilesInfo(params);
  return params.files.map((file) => {
    const remote = info.get(file);
    if (!remote)
      throw new HubFileNotFoundError({ repoId: params.hub.repoId, revision: params.hub.revision, file });
    return remote;
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
