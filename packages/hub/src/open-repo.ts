import { MODEL_FILES } from "@mobilenetv1/core";
import { cachedRepoFiles, cachedRepoFilesWithFetch } from "./cache/cached-repo-files.js";
import { hubOrCache } from "./cache/hub-or-cache.js";
import { cachedCommit, type OpenRepoCache, type RepoCache } from "./cache/repo-cache.js";
import { HubFileNotFoundError, HubOfflineError } from "./errors/hub-errors.js";
import { assertSafeRepoPath } from "./net/assert-safe-repo-path.js";
import { rememberedFilesInfo } from "./net/commit-files-memo.js";
import { COMMIT_HASH, resolveCommit } from "./net/resolve-commit.js";
// Browser builds map this import to ./browser/default-repo-cache.js (package.json "browser").
import { openDefaultRepoCache } from "./node/default-repo-cache.js";
import type { HubOptions } from "./options/hub-options.js";
import { type ResolvedHubOptions, resolveHubOptions } from "./options/resolve-hub-options.js";
import { type RepoFiles, SAFETENSORS_HINT } from "./repo-files.js";

/** What {@link openRepo} takes. */
export interface OpenRepoParams {
  /** `org/name` on the hub. */
  repoId: string;
  /** Files the caller will read (others may be read too, from the cache only). */
  files: readonly string[];
  /** Revision, cache, offline, endpoint, token, weights choice, progress, fetch. @default {} */
  options?: HubOptions;
}

/**
 * Opens a hub repo at a revision through the cache: huggingface_hub's own folder layout in Node (shared
 * with Python), Cache Storage in browsers (`cacheDir` names the cache there). Online, the revision is
 * resolved to a commit, `refs/<revision>` is recorded and the files are downloaded when first read.
 * Offline (`localFilesOnly`, `HF_HUB_OFFLINE=1`), or when the hub cannot be reached or refuses access,
 * the snapshot `refs/<revision>` points to is used, as huggingface_hub does. A commit hash whose files
 * are all cached (or recorded as absent) opens without any request.
 *
 * @example
 * const files = await openRepo({ repoId: "google/mobilenet_v1_1.0_224", files: ["config.json"] });
 * JSON.parse(new TextDecoder().decode(await files.read("config.json"))).model_type // "mobilenet_v1"
 */
export function openRepo(params: OpenRepoParams): Promise<RepoFiles> {
  return openRepoWith({ ...params, openCache: openDefaultRepoCache });
}

/** {@link openRepo} over the cache `openCache` opens (tests run the browser's cache under Node with it). */
export async function openRepoWith(
  params: OpenRepoParams & { openCache: OpenRepoCache },
): Promise<RepoFiles> {
  return (await openRepoForFetch(params)).files;
}

/** {@link openRepoWith}, and a way to download a listed file without reading it (prefetch-repo.ts). */
export async function openRepoForFetch(
  params: OpenRepoParams & { openCache: OpenRepoCache },
): Promise<{ files: RepoFiles; fetch(name: string): Promise<boolean> }> {
  const offlineFetch = async () => false;
  const { files } = params;
  const hub = resolveHubOptions({ repoId: params.repoId, options: params.options ?? {} });
  for (const path of files) assertSafeRepoPath({ repoId: hub.repoId, path });
  const cache = await params.openCache({ repoId: hub.repoId, cacheDir: hub.cacheDir });

  if (hub.offline) {
    const cached = await openCached({ hub, cache, files });
    if (cached) return { files: cached, fetch: offlineFetch };
    const commit = await cachedCommit({ cache, revision: hub.revision });
    const snapshot = commit !== undefined && (await cache.hasSnapshot(commit));
    throw new HubOfflineError({
      repoId: hub.repoId,
      revision: hub.revision,
      cacheDir: cache.location,
      reason: hub.offline,
      // openCached found none of the files: when the snapshot is there, all of them are missing from it.
      ...(snapshot ? { commit, missingFiles: files } : {}),
    });
  }
  if (COMMIT_HASH.test(hub.revision) && (await allKnown({ cache, commit: hub.revision, files }))) {
    return { files: cachedRepoFiles({ hub, cache, commit: hub.revision }), fetch: offlineFetch };
  }

  const got = await hubOrCache({
    ask: async () => {
      const commit = await resolveCommit({ hub });
      return { commit, remote: await rememberedFilesInfo({ hub, commit, files }) };
    },
    cached: () => openCached({ hub, cache, files }),
    cacheLocation: cache.location,
  });
  if ("cached" in got) return { files: got.cached, fetch: offlineFetch };
  const { commit, remote } = got.answer;
  await cache.writeRef({ revision: hub.revision, commit });
  for (const file of files) {
    if (!remote.has(file)) await cache.recordAbsent({ commit, file });
  }
  if (
    hub.useSafetensors === true &&
    files.includes(MODEL_FILES.safetensors) &&
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
  return cachedRepoFilesWithFetch({ hub, cache, commit, remote });
}

/** The cached snapshot of the revision, if it holds at least one of `files`. */
async function openCached(params: {
  hub: ResolvedHubOptions;
  cache: RepoCache;
  files: readonly string[];
}): Promise<RepoFiles | undefined> {
  const { hub, cache } = params;
  const commit = await cachedCommit({ cache, revision: hub.revision });
  if (!commit) return undefined;
  for (const file of params.files) {
    if (await cache.hasFile({ commit, file })) return cachedRepoFiles({ hub, cache, commit });
  }
  return undefined;
}

/** Every file is either in the snapshot or recorded as absent: nothing to ask the hub. */
async function allKnown(params: {
  cache: RepoCache;
  commit: string;
  files: readonly string[];
}): Promise<boolean> {
  const { cache, commit } = params;
  for (const file of params.files) {
    if (!((await cache.hasFile({ commit, file })) || (await cache.isAbsent({ commit, file })))) return false;
  }
  return params.files.length > 0;
}
