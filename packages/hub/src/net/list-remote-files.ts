import { listFiles } from "@huggingface/hub";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { assertSafeRepoPath } from "./assert-safe-repo-path.js";
import { type RemoteFile, toRemoteFile } from "./remote-file.js";
import { toHubError } from "./to-hub-error.js";

/**
 * Every file of the repo at `commit` (recursive tree listing through @huggingface/hub's `listFiles`).
 * The whole listing is checked before anything is returned: one path that would escape the snapshot
 * folder (`../../x`, `/etc/x`, `C:\x`) refuses the repo with HubUnsafePathError.
 *
 * @example
 * (await listRemoteFiles({ hub, commit })).map((f) => f.path) // ["config.json", "preprocessor_config.json", ...]
 */
export async function listRemoteFiles(params: {
  hub: ResolvedHubOptions;
  commit: string;
}): Promise<RemoteFile[]> {
  const { hub } = params;
  const files: RemoteFile[] = [];
  try {
    for await (const entry of listFiles({
      repo: hub.repoId,
      recursive: true,
      revision: params.commit,
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.hubFetch.fetch,
    })) {
      assertSafeRepoPath({ repoId: hub.repoId, path: entry.path });
      if (entry.type !== "file") continue;
      const file = toRemoteFile(entry);
      if (file) files.push(file);
    }
  } catch (error) {
    throw toHubError({ error, hub });
  }
  return files;
}
