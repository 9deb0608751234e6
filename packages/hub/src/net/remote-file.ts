import type { ListFileEntry, PathInfo } from "@huggingface/hub";

/** What the hub says about one file at one commit: enough to name its blob and verify it. */
export interface RemoteFile {
  path: string;
  /** Size of the real content (the LFS object's, not the pointer's). */
  size: number;
  /**
   * Blob name in the cache, as huggingface_hub names it: the LFS sha256 for LFS files (the hub's
   * `X-Linked-Etag`), else the git blob sha1 (its `ETag`).
   */
  etag: string;
  /** sha256 of the content, for LFS files. */
  sha256: string | undefined;
  /** git blob sha1 (`sha1("blob <size>\0" + content)`), for files stored in git. */
  gitSha1: string | undefined;
}

const SHA256 = /^[0-9a-f]{64}$/;
const SHA1 = /^[0-9a-f]{40}$/;

/**
 * Converts an entry of `pathsInfo` or `listFiles` (same fields) to a {@link RemoteFile}. Returns
 * `undefined` for an entry that carries no usable hash.
 */
export function toRemoteFile(entry: PathInfo | ListFileEntry): RemoteFile | undefined {
  const etag = entry.lfs?.oid ?? entry.oid ?? entry.xetHash;
  if (!etag) return undefined;
  return {
    path: entry.path,
    size: entry.lfs?.size ?? entry.size,
    etag,
    sha256: entry.lfs && SHA256.test(entry.lfs.oid) ? entry.lfs.oid : undefined,
    gitSha1: !entry.lfs && entry.oid && SHA1.test(entry.oid) ? entry.oid : undefined,
  };
}
