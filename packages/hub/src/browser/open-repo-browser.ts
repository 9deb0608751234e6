import { MODEL_FILES } from "@mobilenetv1/core";
import {
  HubAccessError,
  HubFileNotFoundError,
  HubNetworkError,
  HubOfflineError,
} from "../errors/hub-errors.js";
import { assertSafeRepoPath } from "../net/assert-safe-repo-path.js";
import type { RemoteFile } from "../net/remote-file.js";
import { remoteFilesInfo } from "../net/remote-files-info.js";
import { COMMIT_HASH, resolveCommit } from "../net/resolve-commit.js";
import type { HubOptions } from "../options/hub-options.js";
import { type ResolvedHubOptions, resolveHubOptions } from "../options/resolve-hub-options.js";
import { allowedByWeightsChoice, type RepoFiles, SAFETENSORS_HINT } from "../repo-files.js";
import { type BrowserRepoCache, DEFAULT_BROWSER_CACHE, openBrowserCache } from "./browser-cache.js";
import { fetchFileBytes } from "./fetch-file-bytes.js";

/**
 * Browser build of `openRepo` (selected by package.json's `browser` field): the same resolution as in
 * Node, with files kept in Cache Storage (`cacheDir` names the cache) keyed by repo, commit and file,
 * and `refs` kept there too so offline loads find the commit of a branch.
 *
 * @example
 * const files = await openRepo({ repoId: "google/mobilenet_v1_1.0_224", files: ["config.json"] });
 */
export async function openRepo(params: {
  /** `org/name` on the hub. */
  repoId: string;
  /** Files the caller will read (others may be read too, from the cache only). */
  files: readonly string[];
  /** Revision, cache, offline, endpoint, token, weights choice, progress, fetch. @default {} */
  options?: HubOptions;
}): Promise<RepoFiles> {
  const hub = resolveHubOptions({ repoId: params.repoId, options: params.options ?? {} });
  for (const path of params.files) assertSafeRepoPath({ repoId: hub.repoId, path });
  const cache = await openBrowserCache({ name: hub.cacheDir });
  const cacheName = hub.cacheDir ?? DEFAULT_BROWSER_CACHE;

  if (hub.offline) {
    const cached = await openCached({ hub, cache, files: params.files });
    if (!cached) {
      const commit = COMMIT_HASH.test(hub.revision)
        ? undefined
        : await cache.getRef({ repoId: hub.repoId, revision: hub.revision });
      throw new HubOfflineError({
        repoId: hub.repoId,
        revision: hub.revision,
        cacheDir: cacheName,
        reason: hub.offline,
        // The ref is only stored with a download: the snapshot exists but holds none of the files.
        ...(commit ? { commit, missingFiles: params.files } : {}),
      });
    }
    return cached;
  }
  let commit: string;
  let remote: Map<string, RemoteFile>;
  try {
    commit = await resolveCommit({ hub });
    remote = await remoteFilesInfo({ hub, commit, files: params.files });
  } catch (error) {
    if (!(error instanceof HubNetworkError || error instanceof HubAccessError)) throw error;
    const cached = await openCached({ hub, cache, files: params.files });
    if (cached) return cached;
    if (error instanceof HubNetworkError) {
      const { repoId, hubUrl, attempts, statusCode, url, timeout } = error;
      throw new HubNetworkError({
        repoId,
        hubUrl,
        attempts,
        statusCode,
        url,
        timeout,
        cacheDir: cacheName,
        cause: error.cause,
      });
    }
    throw error;
  }
  if (!COMMIT_HASH.test(hub.revision))
    await cache.putRef({ repoId: hub.repoId, revision: hub.revision, commit });
  if (
    hub.useSafetensors === true &&
    params.files.includes(MODEL_FILES.safetensors) &&
    !remote.has(MODEL_FILES.safetensors) &&
    // An int8 checkpoint's weights are safetensors too, under their own name.
    !remote.has(MODEL_FILES.int8Weights)
  ) {
    throw new HubFileNotFoundError({
      repoId: hub.repoId,
      revision: hub.revision,
      file: MODEL_FILES.safetensors,
      hint: SAFETENSORS_HINT,
    });
  }
  return cacheFiles({ hub, cache, commit, remote });
}

async function openCached(params: {
  hub: ResolvedHubOptions;
  cache: BrowserRepoCache;
  files: readonly string[];
}) {
  const { hub, cache } = params;
  const commit = COMMIT_HASH.test(hub.revision)
    ? hub.revision
    : await cache.getRef({ repoId: hub.repoId, revision: hub.revision });
  if (!commit) return undefined;
  for (const file of params.files) {
    if (await cache.hasFile({ repoId: hub.repoId, commit, file })) return cacheFiles({ hub, cache, commit });
  }
  return undefined;
}

function cacheFiles(params: {
  hub: ResolvedHubOptions;
  cache: BrowserRepoCache;
  commit: string;
  remote?: ReadonlyMap<string, RemoteFile>;
}): RepoFiles {
  const { hub, cache, commit, remote } = params;
  const allowed = (name: string) => allowedByWeightsChoice({ name, useSafetensors: hub.useSafetensors });
  return {
    repoId: hub.repoId,
    revision: hub.revision,
    commit,
    snapshot: cache.snapshot({ repoId: hub.repoId, commit }),
    location: `${hub.repoId}@${hub.revision}`,
    async exists(name) {
      if (!allowed(name)) return false;
      return remote ? remote.has(name) : cache.hasFile({ repoId: hub.repoId, commit, file: name });
    },
    async read(name) {
      if (!allowed(name)) return undefined;
      const file = remote?.get(name);
      if (file) return fetchFileBytes({ hub, cache, commit, file });
      return cache.getFile({ repoId: hub.repoId, commit, file: name });
    },
  };
}
