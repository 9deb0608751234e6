import { downloadRemoteFile } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import type { RepoCache } from "./repo-cache.js";

// Loads of one file in this process share one promise; other processes (tabs) are kept apart by the cache.
const inFlight = new Map<string, Promise<void>>();

/**
 * Makes `file` at `commit` part of the cache: downloaded with the hub's timeouts, resumes and caps,
 * checked and stored by the cache, or left as it is when the cache has it. Concurrent calls for one file
 * of one cache download it once.
 *
 * @example
 * await fetchIntoCache({ hub, cache, commit, file }); // then cache.readFile({ commit, file: file.path, ... })
 */
export function fetchIntoCache(params: {
  hub: ResolvedHubOptions;
  cache: RepoCache;
  commit: string;
  file: RemoteFile;
}): Promise<void> {
  const { hub, cache, commit, file } = params;
  const key = `${cache.location}\n${cache.snapshot(commit)}\n${file.path}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = cache
      .storeFile({ commit, file, download: (sink) => downloadRemoteFile({ hub, commit, file, sink }) })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
