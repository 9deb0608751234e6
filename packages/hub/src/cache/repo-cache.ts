import type { DownloadSink } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import { COMMIT_HASH } from "../net/resolve-commit.js";

/** A file's size cap and the setting that sets it (`ResolvedHubOptions.fileLimit`). */
export interface FileLimit {
  limit: number;
  limitName: string;
}

/**
 * Where the files of one repo are kept between loads. `openRepo` and `download` are written once over
 * this interface; Node keeps huggingface_hub's folder layout (`node/fs-repo-cache.ts`), browsers Cache
 * Storage (`browser/cache-storage-repo-cache.ts`). package.json's `browser` map picks the one the default
 * factory opens.
 */
export interface RepoCache {
  /** Where the cache is, for messages and `cacheDir` error fields: a folder (Node) or a Cache Storage name. */
  readonly location: string;
  /** Where the snapshot of `commit` is: `.../snapshots/<commit>` (Node) or its key prefix (browsers). */
  snapshot(commit: string): string;
  /** Makes the snapshot of `commit` exist, even empty, and returns {@link snapshot}. */
  createSnapshot(commit: string): Promise<string>;
  /** Whether anything of the snapshot of `commit` is cached. */
  hasSnapshot(commit: string): Promise<boolean>;
  /** What `refs/<revision>` holds (trimmed), or `undefined`; see {@link cachedCommit}. */
  readRef(revision: string): Promise<string | undefined>;
  /**
   * Records that `revision` pointed to `commit`, as huggingface_hub's
   * `_cache_commit_hash_for_specific_revision`: only when the revision is not the commit itself and the
   * ref changed, best-effort (a read-only cache still serves loads).
   */
  writeRef(params: { revision: string; commit: string }): Promise<void>;
  /** Whether the snapshot has an entry named `file` (what {@link readFile} then reads or refuses by name). */
  hasFile(params: { commit: string; file: string }): Promise<boolean>;
  /** Whether `file` was recorded as absent from `commit` (huggingface_hub's `.no_exist/<commit>/<file>`). */
  isAbsent(params: { commit: string; file: string }): Promise<boolean>;
  /** Records that `commit` has no `file`, best-effort (only an optimization for later offline loads). */
  recordAbsent(params: { commit: string; file: string }): Promise<void>;
  /**
   * The cached bytes of `file`, or `undefined` when the snapshot has no such entry. Refuses by name what
   * is larger than `limit`, has another size than `expectedSize` (the hub's, when known) or is not a file.
   */
  readFile(params: {
    commit: string;
    file: string;
    limit: FileLimit;
    expectedSize?: number;
  }): Promise<Uint8Array | undefined>;
  /**
   * Makes `file` part of the snapshot of `commit`, unless it already is: `download` fills a sink, the
   * bytes are checked against the hub's size and hash ({@link checkIntegrity}) and only then stored.
   * Implementations keep other processes or tabs from downloading the same file at once.
   */
  storeFile(params: {
    commit: string;
    file: RemoteFile;
    download: (sink: DownloadSink) => Promise<void>;
  }): Promise<void>;
}

/** Opens the cache of one repo; `cacheDir` is the user's option, unresolved. */
export type OpenRepoCache = (params: { repoId: string; cacheDir: string | undefined }) => Promise<RepoCache>;

/**
 * The commit `revision` points to according to the cache: the revision itself when it is a commit hash,
 * else what `refs/<revision>` holds when that is a commit hash, else `undefined`.
 *
 * @example
 * await cachedCommit({ cache, revision: "main" }) // "4f3e...", or undefined when never resolved
 */
export async function cachedCommit(params: {
  cache: RepoCache;
  revision: string;
}): Promise<string | undefined> {
  if (COMMIT_HASH.test(params.revision)) return params.revision;
  const commit = await params.cache.readRef(params.revision);
  return commit !== undefined && COMMIT_HASH.test(commit) ? commit : undefined;
}
