import { HubIntegrityError } from "../errors/hub-errors.js";
import type { RemoteFile } from "../net/remote-file.js";

/** Hashes the downloaded bytes, `prefix` first (the git blob header): a file stream in Node, WebCrypto in browsers. */
export type DigestDownload = (params: { algorithm: "sha256" | "sha1"; prefix?: string }) => Promise<string>;

/**
 * Checks downloaded bytes against what the hub announced: their size, then the LFS sha256 (LFS files) or
 * the git blob sha1 (`sha1("blob <size>\0" + content)`, files stored in git). Throws HubIntegrityError
 * naming the check on a mismatch.
 *
 * @example
 * await checkIntegrity({ repoId, file, size: bytes.byteLength, digest }) // throws HubIntegrityError (check: "sha256") on corrupt bytes
 */
export async function checkIntegrity(params: {
  repoId: string;
  file: RemoteFile;
  /** Bytes downloaded. */
  size: number;
  digest: DigestDownload;
}): Promise<void> {
  const { file, size } = params;
  const fail = (check: "size" | "sha256" | "git-sha1", expected: string, actual: string) =>
    new HubIntegrityError({ repoId: params.repoId, file: file.path, check, expected, actual });
  if (size !== file.size) throw fail("size", `${file.size} bytes`, `${size} bytes`);
  if (file.sha256) {
    const actual = await params.digest({ algorithm: "sha256" });
    if (actual !== file.sha256) throw fail("sha256", file.sha256, actual);
  } else if (file.gitSha1) {
    const actual = await params.digest({ algorithm: "sha1", prefix: `blob ${size}\0` });
    if (actual !== file.gitSha1) throw fail("git-sha1", file.gitSha1, actual);
  }
}
