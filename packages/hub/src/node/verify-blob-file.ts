import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { HubIntegrityError } from "../errors/hub-errors.js";
import type { RemoteFile } from "../net/remote-file.js";

/**
 * Checks a downloaded file against what the hub announced: its size, then the LFS sha256 (LFS files)
 * or the git blob sha1 (files stored in git). Throws HubIntegrityError on a mismatch.
 *
 * @example
 * await verifyBlobFile({ repoId: "google/mobilenet_v1_1.0_224", path: ".../blobs/x.node.incomplete", file });
 */
export async function verifyBlobFile(params: {
  repoId: string;
  path: string;
  file: RemoteFile;
}): Promise<void> {
  const { file } = params;
  const fail = (check: "size" | "sha256" | "git-sha1", expected: string, actual: string) =>
    new HubIntegrityError({ repoId: params.repoId, file: file.path, check, expected, actual });
  const size = (await stat(params.path)).size;
  if (size !== file.size) throw fail("size", `${file.size} bytes`, `${size} bytes`);
  if (file.sha256) {
    const actual = await hashFile({ path: params.path, algorithm: "sha256" });
    if (actual !== file.sha256) throw fail("sha256", file.sha256, actual);
  } else if (file.gitSha1) {
    const actual = await hashFile({ path: params.path, algorithm: "sha1", prefix: `blob ${size}\0` });
    if (actual !== file.gitSha1) throw fail("git-sha1", file.gitSha1, actual);
  }
}

async function hashFile(params: {
  path: string;
  algorithm: "sha256" | "sha1";
  prefix?: string;
}): Promise<string> {
  const hash = createHash(params.algorithm);
  if (params.prefix) hash.update(params.prefix);
  for await (const chunk of createReadStream(params.path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
