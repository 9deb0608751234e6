import { stat } from "node:fs/promises";
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
import { type RepoFiles, SAFETENSORS_HINT } from "../repo-files.js";
import { readCachedRef, writeCachedRef, writeNoExist } from "./cache-refs.js";
import { type RepoCachePaths, repoCachePaths } from "./repo-cache-paths.js";
import { resolveCacheDir } from "./resolve-cache-dir.js";
import { snapshotFiles } from "./snapshot-files.js";

/**
 * Opens a hub repo at a revision through the cache shared with huggingface_hub (Node). Online, the
 * revision is resolved to a commit, `refs/<revision>` is updated and the files are downloaded when first
 * read. Offline (`localFilesOnly`, `HF_HUB_OFFLINE=1`), or when the hub cannot be reached or refuses
 * access, the snapshot `refs/<revision>` points to is used, as huggingface_hub does. A commit hash whose
 * files are all cached opens without any request.
 *
 * @example
 * const files = await openRepo({ repoId: "google/mobilenet_v1_1.0_224", files: ["config.json"] });
 * JSON.parse(new TextDecoder().decode(await files.read("config.json"))).model_type // "mobilenet_v1"
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
  const cacheDir = resolveCacheDir({ cacheDir: hub.cacheDir });
  const paths = repoCachePaths({ cacheDir, repoId: hub.repoId });

  if (hub.offline) {
    const cached = await openCached({ hub, paths, files: params.files });
    if (!cached) {
      const commit = await readCachedRef({ paths, revision: hub.revision });
      const snapshot = commit !== undefined && (await isDirectory(paths.snapshot(commit)));
      throw new HubOfflineError({
        repoId: hub.repoId,
        revision: hub.revision,
        cacheDir,
        reason: hub.offline,
        // openCached found none of the files: when the snapshot is there, all of them are missing from it.
        ...(snapshot ? { commit, missingFiles: params.files } : {}),
      });
    }
    return cached;
  }
  if (
    COMMIT_HASH.test(hub.revision) &&
    (await allKnown({ paths, commit: hub.revision, files: params.files }))
  ) {
    return snapshotFiles({ hub, paths, commit: hub.revision });
  }

  let commit: string;
  let remote: Map<string, RemoteFile>;
  try {
    commit = await resolveCommit({ hub });
    remote = await remoteFilesInfo({ hub, commit, files: params.files });
  } catch (error) {
    // As huggingface_hub: when the hub is down or refuses, what the cache holds still loads.
    if (!(error instanceof HubNetworkError || error instanceof HubAccessError)) throw error;
    const cached = await openCached({ hub, paths, files: params.files });
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
        cacheDir,
        cause: error.cause,
      });
    }
    throw error;
  }

  await writeCachedRef({ paths, revision: hub.revision, commit });
  for (const file of params.files) {
    if (!remote.has(file)) await writeNoExist({ paths, commit, file });
  }
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
  return snapshotFiles({ hub, paths, commit, remote });
}

/** The cached snapshot of the revision, if it holds at least one of `files`. */
async function openCached(params: {
  hub: ResolvedHubOptions;
  paths: RepoCachePaths;
  files: readonly string[];
}): Promise<RepoFiles | undefined> {
  const commit = await readCachedRef({ paths: params.paths, revision: params.hub.revision });
  if (!commit) return undefined;
  for (const file of params.files) {
    if (await exists(params.paths.pointer(commit, file))) return snapshotFiles({ ...params, commit });
  }
  return undefined;
}

/** Every file is either in the snapshot or recorded in `.no_exist/`: nothing to ask the hub. */
async function allKnown(params: {
  paths: RepoCachePaths;
  commit: string;
  files: readonly string[];
}): Promise<boolean> {
  for (const file of params.files) {
    const known =
      (await exists(params.paths.pointer(params.commit, file))) ||
      (await exists(params.paths.noExist(params.commit, file)));
    if (!known) return false;
  }
  return params.files.length > 0;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
