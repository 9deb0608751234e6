import { constants } from "node:fs";
import { type FileHandle, open, unlink } from "node:fs/promises";
import { OutputUnwritableError } from "@mobilenetv1/convert";
import { InputError, Tensor } from "@mobilenetv1/core";
import { UsageError } from "./exit-codes.js";

/**
 * Most bytes `--pixel-values-in` may hold (checked from `--shape` and the file's size before reading):
 * 1 GiB is about 1 700 images at 224×224. Override with `MOBILENET_MAX_PIXEL_VALUES_BYTES`.
 * @default 1073741824
 */
export const DEFAULT_MAX_PIXEL_VALUES_BYTES = 1024 * 1024 * 1024;

/** The environment variable that overrides {@link DEFAULT_MAX_PIXEL_VALUES_BYTES}. */
export const MAX_PIXEL_VALUES_BYTES_ENV = "MOBILENET_MAX_PIXEL_VALUES_BYTES";

/** Smallest H and W the network takes (five stride-2 layers). */
const MIN_SIDE = 32;

/**
 * Parses `--shape N,3,H,W`: positive decimal integers, 3 channels, H and W at least 32, and at most
 * `maxBytes` bytes of float32 in all.
 *
 * @throws UsageError naming `--shape` and the value.
 * @example
 * parseShape({ text: "1,3,224,224" }) // [1, 3, 224, 224]
 */
export function parseShape(params: { text: string; maxBytes?: number }): [number, number, number, number] {
  const { text } = params;
  const maxBytes = params.maxBytes ?? DEFAULT_MAX_PIXEL_VALUES_BYTES;
  const parts = text.split(",").map((s) => s.trim());
  const dims = parts.map((s) => (/^[1-9][0-9]*$/.test(s) ? Number(s) : Number.NaN));
  const fail = (why: string) =>
    new UsageError({ option: "--shape", message: `${JSON.stringify(text)} ${why}` });
  if (dims.length !== 4 || dims.some((d) => !Number.isSafeInteger(d))) {
    throw fail("is not N,3,H,W with positive whole numbers");
  }
  const [n, c, h, w] = dims as [number, number, number, number];
  if (c !== 3) throw fail("has C = " + c + ": expected 3 (RGB)");
  if (h < MIN_SIDE || w < MIN_SIDE) throw fail(`has H×W ${h}×${w}: expected both >= ${MIN_SIDE}`);
  const bytes = n * c * h * w * 4;
  if (bytes > maxBytes) {
    throw fail(`needs ${bytes} bytes, above the limit of ${maxBytes} (${MAX_PIXEL_VALUES_BYTES_ENV})`);
  }
  return [n, c, h, w];
}

/**
 * Reads `MOBILENET_MAX_PIXEL_VALUES_BYTES`, or the default when unset.
 *
 * @throws UsageError when it is set to anything but a positive whole number.
 */
export function maxPixelValuesBytes(
  params: { env?: Readonly<Record<string, string | undefined>> } = {},
): number {
  const text = (params.env ?? process.env)[MAX_PIXEL_VALUES_BYTES_ENV];
  if (text === undefined || text === "") return DEFAULT_MAX_PIXEL_VALUES_BYTES;
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError({
      option: MAX_PIXEL_VALUES_BYTES_ENV,
      message: `${JSON.stringify(text)} is not a positive whole number`,
    });
  }
  return Number(text);
}

/**
 * Reads a raw float32 little-endian NCHW tensor (what `--pixel-values-out` writes). The file must be a
 * regular file of exactly the size `shape` needs; that is checked on the open handle before reading, and
 * a FIFO is opened non-blocking and refused rather than waited on.
 *
 * @throws UsageError when the file does not exist (like an image path that does not exist).
 * @throws InputError (exit 4) when it is not a regular file, cannot be read, or has the wrong size.
 */
export async function readPixelValues(params: {
  file: string;
  shape: [number, number, number, number];
}): Promise<Tensor> {
  const { file, shape } = params;
  const expected = shape.reduce((a, b) => a * b, 4);
  const bad = (why: string) =>
    new InputError({
      argument: "--pixel-values-in",
      value: file,
      expected: `a float32 file of ${expected} bytes for shape ${shape.join(",")}; ${why}`,
    });
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR")
        throw new UsageError({ option: "--pixel-values-in", message: `${file}: no such file` });
      throw bad(`it cannot be read (${error.code ?? error.message})`);
    },
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw bad("it is not a regular file");
    if (info.size !== expected) throw bad(`it has ${info.size} bytes`);
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
      throw bad("this host is big-endian, which is not supported");
    const data = new Float32Array(expected / 4);
    const { bytesRead } = await handle.read(new Uint8Array(data.buffer), 0, expected, 0);
    if (bytesRead !== expected) throw bad(`only ${bytesRead} bytes could be read`);
    return new Tensor({ dims: shape, data });
  } finally {
    await handle.close();
  }
}

/** Where `--pixel-values-out` goes: opened before the model loads, appended to batch by batch. */
export interface PixelValuesWriter {
  /** Appends a tensor's float32 bytes (little-endian, as stored). */
  append(tensor: Tensor): Promise<void>;
  /** Closes the file; after a failure, removes a partly written regular file. */
  close(params: { ok: boolean }): Promise<void>;
}

/**
 * Opens `--pixel-values-out` for writing right away, so an unwritable path fails before any work; batches
 * are then written as they are preprocessed, so memory does not grow with the number of images.
 *
 * @throws OutputUnwritableError (code OUTPUT_UNWRITABLE, exit 2) naming the file and the system error.
 */
export async function openPixelValuesWriter(params: { file: string }): Promise<PixelValuesWriter> {
  const { file } = params;
  const unwritable = (error: unknown) =>
    new OutputUnwritableError({
      option: "--pixel-values-out",
      path: file,
      errno: (error as NodeJS.ErrnoException).code,
      cause: error,
    });
  const handle: FileHandle = await open(file, "w").catch((error) => {
    throw unwritable(error);
  });
  const regular = (await handle.stat()).isFile();
  return {
    async append(tensor) {
      const bytes = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
      await handle.write(bytes).catch((error) => {
        throw unwritable(error);
      });
    },
    async close({ ok }) {
      await handle.close();
      // A partial tensor file would be read back as if whole; /dev/null or a FIFO is left alone.
      if (!ok && regular) await unlink(file).catch(() => undefined);
    },
  };
}
