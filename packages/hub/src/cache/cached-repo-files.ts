import type { RemoteFile } from "../net/remote-file.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { allowedByWeightsChoice, type RepoFiles } from "../repo-files.js";
import { fetchIntoCache } from "./fetch-into-cache.js";
import type { RepoCache } from "./repo-cache.js";

/**
 * {@link RepoFiles} over the snapshot of `commit` in `cache`. With `remote` (online), listed files are
 * downloaded on first `read` (so only the weights file the caller picks is fetched); without it
 * (offline, or the hub unreachable), only what the snapshot holds is there.
 *
 * @example
 * const files = cachedRepoFiles({ hub, cache, commit, remote });
 * await files.exists("model.safetensors") // false on google/mobilenet_v1_1.0_224@main
 */
export function cachedRepoFiles(params: {
  hub: ResolvedHubOptions;
  cache: RepoCache;
  commit: string;
  remote?: ReadonlyMap<string, RemoteFile>;
}): RepoFiles {
  return cachedRepoFilesWithFetch(params).files;
}

/**
 * {@link cachedRepoFiles} plus `fetch(name)`: brings a listed file into the cache without reading it
 * back (a prefetch; a later `read` of it joins the download in flight). Resolves `false` for a file
 * the revision does not have, or when offline (no `remote`).
 */
export function cachedRepoFilesWithFetch(params: {
  hub: ResolvedHubOptions;
  cache: RepoCache;
  commit: string;
  remote?: ReadonlyMap<string, RemoteFile>;
}): { files: RepoFiles; fetch(name: string): Promise<boolean> } {
  const { hub, cache, commit, remote } = params;
  const allowed = (name: string) => allowedByWeightsChoice({ name, useSafetensors: hub.useSafetensors });
  const files: RepoFiles = {
    repoId: hub.repoId,
    revision: hub.revision,
    commit,
    snapshot: cache.snapshot(commit),
    location: `${hub.repoId}@${hub.revision}`,
    async exists(name) {
      if (!allowed(name)) return false;
      if (remote) return remote.has(name);
      return cache.hasFile({ commit, file: name });
    },
    async read(name) {
      if (!allowed(name)) return undefined;
      const file = remote?.get(name);
      if (file) await fetchIntoCache({ hub, cache, commit, file });
      return cache.readFile({ commit, file: name, limit: hub.fileLimit(name), expectedSize: file?.size });
    },
  };
  return {
    files,
    async fetch(name) {
      const file = allowed(name) ? remote?.get(name) : undefined;
      if (!file) return false;
      await fetchIntoCache({ hub, cache, commit, file });
      return true;
    },
  };
}
