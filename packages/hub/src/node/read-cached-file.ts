import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { HubCachedFileError, HubFileTooLargeError } from "../errors/hub-file-errors.js";

/**
 * Reads a file of a cached snapshot (the link is followed to its blob) into memory, refusing what is
 * not a regular file (a FIFO would block forever, a device never ends), is larger than its cap (`limit`), or
 * does not have `expectedSize` when the hub told us the size. The check is made on the opened file
 * (`O_NONBLOCK`, then `fstat`), so the file cannot be swapped between check and read.
 *
 * @example
 * const bytes = await readCachedFile({ repoId, file: "config.json", path, limit: hub.fileLimit("config.json") });
 */
export async function readCachedFile(params: {
  repoId: string;
  file: string;
  path: string;
  /** The cap and the setting that sets it (`ResolvedHubOptions.fileLimit`). */
  limit: { limit: number; limitName: string };
  expectedSize?: number;
}): Promise<Uint8Array> {
  const { repoId, file, path } = params;
  const refuse = (problem: string) => new HubCachedFileError({ repoId, file, path, problem });
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting (POSIX; 0 on Windows).
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw refuse("is not a regular file");
    if (info.size > params.limit.limit) {
      throw new HubFileTooLargeError({
        repoId,
        file,
        size: info.size,
        maxBytes: params.limit.limit,
        setting: params.limit.limitName,
      });
    }
    if (params.expectedSize !== undefined && info.size !== params.expectedSize) {
      throw refuse(`is ${info.size} bytes, but the hub says ${params.expectedSize}`);
    }
    // A buffer of its own (never Node's shared pool): the caller keeps views into it.
    const bytes = new Uint8Array(info.size);
    let offset = 0;
    while (offset < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, offset, bytes.byteLength - offset, offset);
      if (bytesRead === 0) throw refuse(`ended after ${offset} of its ${info.size} bytes while being read`);
      offset += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
