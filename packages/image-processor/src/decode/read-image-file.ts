import { constants, type Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { ImageSourceError } from "../errors/image-errors.js";

/**
 * Reads an image file, refusing anything but a regular file: it is opened with `O_NONBLOCK` (so opening
 * a FIFO does not wait for a writer) and `fstat`ed through the open descriptor (so a symlink swapped
 * after a check cannot change what is read). Directories, FIFOs, devices (`/dev/zero`, a symlink to it),
 * sockets, and files above `maxBytes` are an {@link ImageSourceError} before a byte is read; a file that
 * grows while read is still read only up to its `fstat` size.
 *
 * @example
 * await readImageFile({ path: "/dev/zero", maxBytes: 1024 })
 * // throws ImageSourceError: "/dev/zero: is a character device, expected a regular image file"
 */
export async function readImageFile(params: { path: string; maxBytes: number }): Promise<Uint8Array> {
  const { path, maxBytes } = params;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    throw await openError({ path, cause });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notAFile({ path, info });
    if (info.size > maxBytes) {
      throw new ImageSourceError({
        source: path,
        reason: "too-large",
        limit: maxBytes,
        message: `file is ${info.size} bytes, above the limit of ${maxBytes} (decode.maxImageBytes or MOBILENET_MAX_IMAGE_BYTES)`,
      });
    }
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, filled);
      if (bytesRead === 0) break; // truncated while reading: the decoder reports what is missing
      filled += bytesRead;
    }
    return filled === bytes.byteLength ? bytes : bytes.subarray(0, filled);
  } catch (cause) {
    if (cause instanceof ImageSourceError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ImageSourceError({ source: path, message: `cannot read (${code ?? cause})`, cause });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function notAFile(params: { path: string; info: Stats }): ImageSourceError {
  const { path, info } = params;
  return new ImageSourceError({
    source: path,
    reason: "not-a-file",
    message: `is ${kindOf(info)}, expected a regular image file`,
  });
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "not a regular file";
}

/** A failed open, named: a socket cannot be opened at all (ENXIO), so `stat` says what it is. */
async function openError(params: { path: string; cause: unknown }): Promise<ImageSourceError> {
  const { path, cause } = params;
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new ImageSourceError({ source: path, reason: "not-found", message: "no such file", cause });
  }
  if (code === "EISDIR" || code === "ENXIO" || code === "EOPNOTSUPP") {
    const info = await stat(path).catch(() => undefined);
    if (info && !info.isFile()) return notAFile({ path, info });
  }
  return new ImageSourceError({ source: path, message: `cannot open (${code ?? cause})`, cause });
}
