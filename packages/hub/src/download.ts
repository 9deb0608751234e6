import { fetchIntoCache } from "./cache/fetch-into-cache.js";
import { hubOrCache } from "./cache/hub-or-cache.js";
import { cachedCommit, type OpenRepoCache, type RepoCache } from "./cache/repo-cache.js";
import { HubFileNotFoundError, HubOfflineError } from "./errors/hub-errors.js";
import { listRemoteFiles } from "./net/list-remote-files.js";
import { remoteFilesInfo } from "./net/remote-files-info.js";
import { resolveCommit } from "./net/resolve-commit.js";
// Browser builds map this import to ./browser/default-repo-cache.js (package.json "browser").
import { openDefaultRepoCache } from "./node/default-repo-cache.js";
import type { HubOptions } from "./options/hub-options.js";
import { type ResolvedHubOptions, resolveHubOptions } from "./options/resolve-hub-options.js";

/** Files downloaded at once by {@link download}. */
export const DOWNLOAD_CONCURRENCY = 4;

/** What {@link download} takes: the hub's options plus what to fetch. */
export type DownloadParams = HubOptions & {
  /** `org/name` on the hub. */
  repoId: string;
  /** Only these files. @default every file of the revision */
  files?: readonly string[];
};

/**
 * Downloads a repo (or some of its files) into the cache, like huggingface_hub's `snapshot_download`,
 * and returns the snapshot: in Node a folder any `fromPretrained` (ours or Python's) can open, in
 * browsers the Cache Storage key prefix. Offline, or when the hub is unreachable, the cached snapshot of
 * the revision is returned if it holds every file asked for. Every listed path is checked first: a
 * listing with `../x` or an absolute path downloads nothing.
 *
 * @example
 * const folder = await download({ repoId: "google/mobilenet_v1_1.0_224", revision: "main" });
 * // "~/.cache/huggingface/hub/models--google--mobilenet_v1_1.0_224/snapshots/<commit>"
 */
export function download(params: DownloadParams): Promise<string> {
  return downloadWith({ ...params, openCache: openDefaultRepoCache });
}

/** {@link download} into the cache `openCache` opens (tests run the browser's cache under Node with it). */
export async function downloadWith(params: DownloadParams & { openCache: OpenRepoCache }): Promise<string> {
  const { repoId, files, openCache, ...options } = params;
  const hub = resolveHubOptions({ repoId, options });
  const cache = await openCache({ repoId, cacheDir: hub.cacheDir });

  if (hub.offline) {
    const cached = await cachedSnapshot({ cache, revision: hub.revision, files });
    if (cached) return cached;
    const commit = await cachedCommit({ cache, revision: hub.revision });
    const missingFiles: string[] = [];
    if (commit && (await cache.hasSnapshot(commit))) {
      for (const file of files ?? []) if (!(await cache.hasFile({ commit, file }))) missingFiles.push(file);
    }
    throw new HubOfflineError({
      repoId,
      revision: hub.revision,
      cacheDir: cache.location,
      reason: hub.offline,
      ...(missingFiles.length > 0 ? { commit, missingFiles } : {}),
    });
  }

  const got = await hubOrCache({
    ask: async () => {
      const commit = await resolveCommit({ hub });
      const remote = files
        ? await requiredFiles({ hub, commit, files })
        : await listRemoteFiles({ hub, commit });
      return { commit, remote };
    },
    cached: () => cachedSnapshot({ cache, revision: hub.revision, files }),
    cacheLocation: cache.location,
  });
  if ("cached" in got) return got.cached;
  const { commit, remote } = got.answer;
  await cache.writeRef({ revision: hub.revision, commit });
  const snapshot = await cache.createSnapshot(commit);
  const queue = [...remote];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift())
      await fetchIntoCache({ hub, cache, commit, file });
  };
  await Promise.all(Array.from({ length: DOWNLOAD_CONCURRENCY }, worker));
  return snapshot;
}

/** The cached snapshot of `revision` when it holds every one of `files` (any snapshot, without `files`). */
async function cachedSnapshot(params: {
  cache: RepoCache;
  revision: string;
  files: readonly string[] | undefined;
}): Promise<string | undefined> {
  const { cache } = params;
  const commit = await cachedCommit({ cache, revision: params.revision });
  if (!commit || !(await cache.hasSnapshot(commit))) return undefined;
  for (const file of params.files ?? []) if (!(await cache.hasFile({ commit, file }))) return undefined;
  return cache.snapshot(commit);
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
