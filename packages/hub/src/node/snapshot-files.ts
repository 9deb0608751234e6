import { stat } from "node:fs/promises";
import type { RemoteFile } from "../net/remote-file.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { allowedByWeightsChoice, type RepoFiles } from "../repo-files.js";
import { ensureCachedFile } from "./ensure-cached-file.js";
import { readCachedFile } from "./read-cached-file.js";
import type { RepoCachePaths } from "./repo-cache-paths.js";

/**
 * {@link RepoFiles} over `snapshots/<commit>`. With `remote` (online), listed files are downloaded on
 * first `read` (so only the weights file the caller picks is fetched); without it (offline, or the hub
 * unreachable), only what the snapshot holds is there.
 *
 * @example
 * const files = snapshotFiles({ hub, paths, commit, remote });
 * await files.exists("model.safetensors") // false on google/mobilenet_v1_1.0_224@main
 */
export function snapshotFiles(params: {
  hub: ResolvedHubOptions;
  paths: RepoCachePaths;
  commit: string;
  remote?: ReadonlyMap<string, RemoteFile>;
}): RepoFiles {
  const { hub, paths, commit, remote } = params;
  const allowed = (name: string) => allowedByWeightsChoice({ name, useSafetensors: hub.useSafetensors });
  const cachedPath = async (name: string) => {
    // Anything there counts (a FIFO too): readCachedFile refuses what is not a regular file, by name.
    const path = paths.pointer(commit, name);
    return (await exists(path)) ? path : undefined;
  };
  return {
    repoId: hub.repoId,
    revision: hub.revision,
    commit,
    snapshot: paths.snapshot(commit),
    location: `${hub.repoId}@${hub.revision}`,
    async exists(name) {
      if (!allowed(name)) return false;
      if (remote) return remote.has(name);
      return (await cachedPath(name)) !== undefined;
    },
    async read(name) {
      if (!allowed(name)) return undefined;
      const file = remote?.get(name);
      const path = file ? await ensureCachedFile({ hub, paths, commit, file }) : await cachedPath(name);
      if (path === undefined) return undefined;
      return readCachedFile({
        repoId: hub.repoId,
        file: name,
        path,
        limit: hub.fileLimit(name),
        expectedSize: file?.size,
      });
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
