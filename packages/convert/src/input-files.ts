/**
 * Reading the files of a conversion as hostile input: regular files only (a FIFO would block the read
 * forever, a directory or device is never a model file), sizes capped before anything is allocated, and
 * paths named inside a model file confined to its folder, lexically and after symlinks.
 */
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { ModelFileNotFoundError } from "@mobilenetv1/core";
import { ConvertInputFileError, ConvertUnsafePathError, ConvertUsageError } from "./errors/convert-errors.js";

/**
 * Most bytes of weights one conversion reads: a .tflite file, a .safetensors file, or all TF.js shards
 * together. MobileNet v1 1.0 is 17 MB; the cap stops a hostile or mistaken input from filling memory.
 * Override with the `maxInputBytes` option, or `MOBILENET_CONVERT_MAX_BYTES` for `mobilenet convert`.
 * @default 268435456 (256 MiB)
 */
export const DEFAULT_MAX_CONVERT_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Most bytes of a TF.js model.json (a Keras MobileNet's is about 100 kB). Override with `maxModelJsonBytes`.
 * @default 16777216 (16 MiB)
 */
export const DEFAULT_MAX_MODEL_JSON_BYTES = 16 * 1024 * 1024;

/** The environment variable `mobilenet convert` reads its weights cap from. */
export const CONVERT_MAX_BYTES_ENV = "MOBILENET_CONVERT_MAX_BYTES";

/**
 * Reads `MOBILENET_CONVERT_MAX_BYTES`: a positive integer number of bytes, or undefined when unset.
 *
 * @throws ConvertUsageError (code USAGE) for anything else.
 * @example
 * maxInputBytesFromEnv({ env: { MOBILENET_CONVERT_MAX_BYTES: "1000" } }) // 1000
 */
export function maxInputBytesFromEnv(params: {
  env?: Readonly<Record<string, string | undefined>>;
}): number | undefined {
  const text = (params.env ?? process.env)[CONVERT_MAX_BYTES_ENV];
  if (text === undefined || text === "") return undefined;
  if (!/^[1-9][0-9]*$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new ConvertUsageError({
      option: CONVERT_MAX_BYTES_ENV,
      value: text,
      expected: "a positive integer number of bytes",
    });
  }
  return Number(text);
}

/**
 * Reads a whole regular file of at most `maxBytes` bytes. The size is checked on the open handle, so the
 * file read is the file checked; a FIFO is opened non-blocking and refused, never waited on.
 *
 * @throws ModelFileNotFoundError when the file does not exist.
 * @throws ConvertInputFileError when it is not a regular file, cannot be read, or is larger than `maxBytes`.
 * @example
 * await readInputFile({ file: "m/model.json", maxBytes: 1 << 20, expected: "a TF.js model.json" }) // Uint8Array
 */
export async function readInputFile(params: {
  file: string;
  maxBytes: number;
  /** What the file should be, for messages: e.g. `"a TF.js weight shard"`. */
  expected: string;
}): Promise<Uint8Array> {
  const { file, maxBytes, expected } = params;
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error) => {
    throw fileError({ file, expected, error });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new ConvertInputFileError({ file, reason: "not-a-file", expected, detail: kindOf(info) });
    }
    if (info.size > maxBytes) {
      throw new ConvertInputFileError({
        file,
        reason: "too-large",
        expected,
        bytes: info.size,
        limit: maxBytes,
      });
    }
    // Read exactly the size checked above: a file growing meanwhile does not get more memory.
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (error) {
    if (error instanceof ConvertInputFileError) throw error;
    throw fileError({ file, expected, error });
  } finally {
    await handle.close();
  }
}

/**
 * Resolves `path`, as written in `file`, inside `folder`: refuses absolute, drive and UNC paths, `..`
 * segments and NUL bytes before touching the disk, then resolves symlinks and refuses a target outside
 * the folder's real path.
 *
 * @throws ConvertUnsafePathError naming the file, the path and the reason.
 * @throws ModelFileNotFoundError when the path names nothing.
 * @example
 * await confinedPath({ folder: "m", path: "group1-shard1of1.bin", file: "m/model.json" }) // "/abs/m/group1-shard1of1.bin"
 */
export async function confinedPath(params: { folder: string; path: string; file: string }): Promise<string> {
  const { folder, path, file } = params;
  const reason = lexicalPathProblem(path);
  if (reason) throw new ConvertUnsafePathError({ file, path, reason });
  const [realFolder, realTarget] = await Promise.all([
    realpath(folder),
    realpath(join(folder, path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") {
        throw new ModelFileNotFoundError({
          location: folder,
          files: [path],
          message: `${file} names the shard ${JSON.stringify(path)}, which is not in ${folder}`,
        });
      }
      throw fileError({ file: join(folder, path), expected: "a TF.js weight shard", error });
    }),
  ]);
  const inside = relative(realFolder, realTarget);
  if (inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new ConvertUnsafePathError({ file, path, reason: "escapes-folder" });
  }
  return realTarget;
}

/** The lexical reason `path` may not be used as a path inside a folder, or undefined when it may. */
export function lexicalPathProblem(path: string): ConvertUnsafePathError["reason"] | undefined {
  if (path === "") return "empty";
  if (path.includes("\0")) return "nul-byte";
  if (/^[a-zA-Z]:/.test(path) || /^[\\/]{2}/.test(path)) return "drive-or-unc";
  if (path.startsWith("/") || path.startsWith("\\") || isAbsolute(path)) return "absolute";
  if (path.split(/[\\/]/).includes("..")) return "parent-segment";
  return undefined;
}

function fileError(params: { file: string; expected: string; error: unknown }): Error {
  const { file, expected, error } = params;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new ModelFileNotFoundError({
      location: dirname(file),
      files: [basename(file)],
      message: `${file} does not exist: expected ${expected}`,
    });
  }
  if (code === "EISDIR") {
    return new ConvertInputFileError({ file, reason: "not-a-file", expected, detail: "a directory" });
  }
  return new ConvertInputFileError({
    file,
    reason: "unreadable",
    expected,
    detail: code ?? (error instanceof Error ? error.message : String(error)),
    cause: error,
  });
}

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  return "a device";
}
