import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * The hex digest of a file, streamed (a weights file is never held in memory for it), with `prefix`
 * hashed first (the git blob header `blob <size>\0`).
 *
 * @example
 * await hashFile({ path: ".../blobs/x.node.incomplete", algorithm: "sha256" }) // "51923c2d..."
 */
export async function hashFile(params: {
  path: string;
  algorithm: "sha256" | "sha1";
  prefix?: string;
}): Promise<string> {
  const hash = createHash(params.algorithm);
  if (params.prefix) hash.update(params.prefix);
  for await (const chunk of createReadStream(params.path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
