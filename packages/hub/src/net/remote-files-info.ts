import { type PathInfo, pathsInfo } from "@huggingface/hub";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { assertSafeRepoPath } from "./assert-safe-repo-path.js";
import { type RemoteFile, toRemoteFile } from "./remote-file.js";
import { toHubError } from "./to-hub-error.js";

/**
 * Size and hashes of `files` at `commit`, in one `POST /api/models/{id}/paths-info/{commit}` through
 * @huggingface/hub's `pathsInfo`. Files the repo does not have are absent from the map (no error:
 * the caller decides which files are required).
 *
 * @example
 * const info = await remoteFilesInfo({ hub, commit, files: ["config.json", "model.safetensors"] });
 * info.get("config.json")?.size // 69508
 */
export async function remoteFilesInfo(params: {
  hub: ResolvedHubOptions;
  commit: string;
  files: readonly string[];
}): Promise<Map<string, RemoteFile>> {
  const { hub, commit } = params;
  for (const path of params.files) assertSafeRepoPath({ repoId: hub.repoId, path });
  let entries: PathInfo[];
  try {
    entries = await pathsInfo({
      repo: hub.repoId,
      paths: [...params.files],
      revision: commit,
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.hubFetch.fetch,
    });
  } catch (error) {
    throw toHubError({ error, hub });
  }
  const wanted = new Set(params.files);
  const out = new Map<string, RemoteFile>();
  for (const entry of entries) {
    // Only names we asked for are used, so a hostile answer cannot add paths.
    if (entry.type !== "file" || !wanted.has(entry.path)) continue;
    const file = toRemoteFile(entry);
    if (file) out.set(entry.path, file);
  }
  return out;
}
