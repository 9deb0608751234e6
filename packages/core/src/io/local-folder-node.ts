import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { FileTooLargeError, NotARegularFileError } from "../errors/errors.js";
import { fileByteLimit } from "./file-limits.js";
import type { ModelFiles, ModelSource } from "./model-source.js";

/** Bytes per read call: Node refuses single reads past 2 GiB, and parts keep each call short. */
const READ_PART_BYTES = 64 * 2 ** 20;

/**
 * Reads an HF-layout folder (config.json, model.safetensors, ...) from the local file system. Only regular
 * files (or symlinks to them) are read, each up to a byte cap (see file-limits.ts). Browser builds map this
 * file to `local-folder-browser.ts` (package.json `browser` field).
 */
export const localFolderSource: ModelSource = {
  name: "local-folder",
  async accepts(pathOrId) {
    try {
      return (await stat(pathOrId)).isDirectory();
    } catch {
      return false;
    }
  },
  async open({ pathOrId, options }) {
    const root = resolve(pathOrId);
    const files: ModelFiles = {
      location: root,
      read: (name) =>
        readRegularFile({ path: join(root, name), ...fileByteLimit({ name, options, env: process.env }) }),
      // Anything at the path counts, so that read() can say what it is instead of "not found".
      async exists(name) {
        try {
          await stat(join(root, name));
          return true;
        } catch {
          return false;
        }
      },
    };
    return files;
  },
};

/**
 * A regular file's bytes, or `undefined` when nothing is at `path`. Opened with O_NONBLOCK and checked with
 * fstat on the open descriptor (so a FIFO cannot block the open, and the file checked is the file read), and
 * refused before reading when its size passes `limit`. The bytes are a fresh buffer owned by the caller.
 *
 * @throws {NotARegularFileError} for a directory, FIFO, socket or device (a symlink is followed).
 * @throws {FileTooLargeError} when the file is larger than `limit`.
 * @example
 * (await readRegularFile({ path: "../shared/hf/keras_mobilenet_v1_0.75_224/config.json", limit: 2 ** 24, limitName: "maxJsonFileBytes" }))?.length // 69508
 */
async function readRegularFile(params: {
  path: string;
  limit: number;
  limitName: string;
}): Promise<Uint8Array | undefined> {
  const { path } = params;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    // open(2) on a Unix socket fails with ENXIO.
    if (code === "ENXIO") throw new NotARegularFileError({ file: path, kind: "socket" });
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      const kind = info.isDirectory()
        ? "directory"
        : info.isFIFO()
          ? "fifo"
          : info.isSocket()
            ? "socket"
            : info.isCharacterDevice()
              ? "character device"
              : info.isBlockDevice()
                ? "block device"
                : "other";
      throw new NotARegularFileError({ file: path, kind });
    }
    if (info.size > params.limit) {
      throw new FileTooLargeError({
        file: path,
        size: info.size,
        limit: params.limit,
        limitName: params.limitName,
      });
    }
    // Read in parts into one buffer of the fstat size; a file that shrinks meanwhile gives what it has.
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const length = Math.min(READ_PART_BYTES, bytes.byteLength - filled);
      const { bytesRead } = await handle.read(bytes, filled, length, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === bytes.byteLength ? bytes : bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
