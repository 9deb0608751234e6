import { modelInfo } from "@huggingface/hub";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { toHubError } from "./to-hub-error.js";

/** A full commit hash: such a revision needs no resolving and is never moved by a push. */
export const COMMIT_HASH = /^[0-9a-f]{40}$/;

/**
 * The commit a revision (branch, tag, `refs/pr/N`) points to now, from
 * `GET /api/models/{id}/revision/{revision}` through @huggingface/hub's `modelInfo`. Resolving once per
 * load pins every file of that load to one commit, which is what names the snapshot folder (the hub's
 * `X-Repo-Commit`). A commit hash is returned as is.
 *
 * @example
 * await resolveCommit({ hub }) // "e2a7b7d4c0c9d0d7c2a6a0a1f1b1e5d3c1a2b3c4"
 */
export async function resolveCommit(params: { hub: ResolvedHubOptions }): Promise<string> {
  const { hub } = params;
  if (COMMIT_HASH.test(hub.revision)) return hub.revision;
  try {
    const info = await modelInfo({
      name: hub.repoId,
      revision: hub.revision,
      additionalFields: ["sha"],
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.hubFetch.fetch,
    });
    if (typeof info.sha !== "string" || !COMMIT_HASH.test(info.sha)) {
      throw new Error(`the hub did not return a commit for ${hub.repoId}@${hub.revision}`);
    }
    return info.sha;
  } catch (error) {
    throw toHubError({ error, hub });
  }
}
