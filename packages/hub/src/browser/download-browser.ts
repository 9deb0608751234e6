import { HubFileNotFoundError, HubOfflineError } from "../errors/hub-errors.js";
import { listRemoteFiles } from "../net/list-remote-files.js";
import type { RemoteFile } from "../net/remote-file.js";
import { remoteFilesInfo } from "../net/remote-files-info.js";
import { resolveCommit } from "../net/resolve-commit.js";
import type { HubOptions } from "../options/hub-options.js";
import { resolveHubOptions } from "../options/resolve-hub-options.js";
import { DEFAULT_BROWSER_CACHE, openBrowserCache } from "./browser-cache.js";
import { fetchFileBytes } from "./fetch-file-bytes.js";

/**
 * Browser build of `download`: fetches the repo (or `files`) into Cache Storage, so later loads work
 * offline, and returns the snapshot's key prefix (there is no folder in a browser).
 *
 * @example
 * await download({ repoId: "google/mobilenet_v1_1.0_224" });
 * // "https://hub-cache.mobilenetv1.invalid/google/mobilenet_v1_1.0_224/snapshots/<commit>/"
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
  const cache = await openBrowserCache({ name: hub.cacheDir });
  if (hub.offline) {
    const commit = await cache.getRef({ repoId, revision: hub.revision });
    if (commit) return cache.snapshot({ repoId, commit });
    throw new HubOfflineError({
      repoId,
      revision: hub.revision,
      cacheDir: hub.cacheDir ?? DEFAULT_BROWSER_CACHE,
      reason: hub.offline,
    });
  }
  const commit = await resolveCommit({ hub });
  let remote: RemoteFile[];
  if (files) {
    const info = await remoteFilesInfo({ hub, commit, files });
    remote = files.map((file) => {
      const found = info.get(file);
      if (!found) throw new HubFileNotFoundError({ repoId, revision: hub.revision, file });
      return found;
    });
  } else {
    remote = await listRemoteFiles({ hub, commit });
  }
  if (commit !== hub.revision) await cache.putRef({ repoId, revision: hub.revision, commit });
  for (const file of remote) await fetchFileBytes({ hub, cache, commit, file });
  return cache.snapshot({ repoId, commit });
}
