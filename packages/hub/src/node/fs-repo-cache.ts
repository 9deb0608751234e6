import { mkdir, stat } from "node:fs/promises";
import type { OpenRepoCache, RepoCache } from "../cache/repo-cache.js";
import { isRecordedAbsent, readRef, recordAbsent, writeRef } from "./cache-refs.js";
import { readCachedFile } from "./read-cached-file.js";
import { repoCachePaths } from "./repo-cache-paths.js";
import { resolveCacheDir } from "./resolve-cache-dir.js";
import { storeBlob } from "./store-blob.js";

/**
 * The {@link RepoCache} of Node: huggingface_hub's layout under the cache folder (`cacheDir`, else
 * `HF_HUB_CACHE`, `HF_HOME`... as Python resolves it), shared with Python: `models--org--name/` with
 * `blobs/<etag>`, `snapshots/<commit>/<file>` relative links to them, `refs/<revision>`,
 * `.no_exist/<commit>/<file>`, and `.locks/`. Our partial downloads are `blobs/<etag>.node.incomplete`.
 *
 * @example
 * const cache = await openFsRepoCache({ repoId: "google/mobilenet_v1_1.0_224", cacheDir: "/c" });
 * cache.snapshot("abc") // "/c/models--google--mobilenet_v1_1.0_224/snapshots/abc"
 */
export const openFsRepoCache: OpenRepoCache = async ({ repoId, cacheDir }) => {
  const location = resolveCacheDir({ cacheDir });
  const paths = repoCachePaths({ cacheDir: location, repoId });
  const cache: RepoCache = {
    location,
    snapshot: (commit) => paths.snapshot(commit),
    async createSnapshot(commit) {
      await mkdir(paths.snapshot(commit), { recursive: true });
      return paths.snapshot(commit);
    },
    hasSnapshot: async (commit) => (await statOf(paths.snapshot(commit)))?.isDirectory() === true,
    readRef: (revision) => readRef({ paths, revision }),
    writeRef: ({ revision, commit }) => writeRef({ paths, revision, commit }),
    // Anything there counts (a FIFO too): readFile then refuses what is not a regular file, by name.
    hasFile: async ({ commit, file }) => (await statOf(paths.pointer(commit, file))) !== undefined,
    isAbsent: ({ commit, file }) => isRecordedAbsent({ paths, commit, file }),
    recordAbsent: ({ commit, file }) => recordAbsent({ paths, commit, file }),
    async readFile({ commit, file, limit, expectedSize }) {
      const path = paths.pointer(commit, file);
      if (!(await cache.hasFile({ commit, file }))) return undefined;
      return readCachedFile({ repoId, file, path, limit, expectedSize });
    },
    storeFile: ({ commit, file, download }) => storeBlob({ repoId, paths, commit, file, download }),
  };
  return cache;
};

async function statOf(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
