import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import type { RemoteFile } from "./remote-file.js";
import { remoteFilesInfo } from "./remote-files-info.js";

// What the hub said about files at a commit, per endpoint, repo and token. A commit's files never change,
// so a load's later opens of the same commit (the processor's, the model's after config.json) need not
// ask again; `undefined` records a file the commit does not have. Bounded: the oldest commits are dropped.
const MAX_COMMITS = 32;
const known = new Map<string, Map<string, RemoteFile | undefined>>();

/**
 * {@link remoteFilesInfo} that asks the hub only about the files this process has not yet looked up at
 * `commit` (same endpoint, repo and token), and remembers the answer.
 *
 * @example
 * await rememberedFilesInfo({ hub, commit, files: ["config.json"] }); // one paths-info request
 * await rememberedFilesInfo({ hub, commit, files: ["config.json"] }); // none
 */
export async function rememberedFilesInfo(params: {
  hub: ResolvedHubOptions;
  commit: string;
  files: readonly string[];
}): Promise<Map<string, RemoteFile>> {
  const { hub, commit } = params;
  // The token is part of the key: what one token may see is not told to a caller without it.
  const key = JSON.stringify([hub.hubUrl, hub.repoId, commit, hub.accessToken ?? null]);
  let memo = known.get(key);
  const unknown = params.files.filter((file) => !memo?.has(file));
  if (unknown.length > 0) {
    const answer = await remoteFilesInfo({ hub, commit, files: unknown });
    memo = known.get(key) ?? new Map();
    for (const file of unknown) memo.set(file, answer.get(file));
    known.delete(key);
    known.set(key, memo);
    while (known.size > MAX_COMMITS) known.delete(known.keys().next().value as string);
  }
  const out = new Map<string, RemoteFile>();
  for (const file of params.files) {
    const remote = memo?.get(file);
    if (remote) out.set(file, remote);
  }
  return out;
}
