import { stat } from "node:fs/promises";
import { ImageSourceError } from "@mobilenetv1/image-processor";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "./exit-codes.js";

/** Extensions taken from a directory (the decoders' formats). */
export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "avif"];

/**
 * Turns the command line's image arguments into a list of files and URLs, in order: a URL stays as it is,
 * a directory gives its images (sorted), a glob its matches (sorted); a plain path must exist.
 *
 * @throws UsageError (exit 2) for a path that does not exist, a pattern that matches nothing, a folder
 *   without images.
 * @throws ImageSourceError (exit 4) for a path that is a FIFO, socket or device.
 */
export async function expandInputs(params: { args: readonly string[]; cwd?: string }): Promise<string[]> {
  const cwd = params.cwd ?? process.cwd();
  const out: string[] = [];
  for (const arg of params.args) {
    if (/^(https?|data):/i.test(arg)) {
      out.push(arg);
      continue;
    }
    const info = await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) {
      const pattern = `**/*.{${IMAGE_EXTENSIONS.join(",")}}`;
      const files = await glob(pattern, { cwd: arg, absolute: true, caseSensitiveMatch: false });
      if (files.length === 0)
        throw new UsageError({
          option: arg,
          message: `the directory has no images (${IMAGE_EXTENSIONS.join(", ")})`,
        });
      out.push(...files.sort());
    } else if (info?.isFile()) {
      out.push(arg);
    } else if (info) {
      // Reading a FIFO waits for a writer forever; a socket or device is never an image file.
      throw new ImageSourceError({
        source: arg,
        message: `is ${info.isFIFO() ? "a FIFO" : info.isSocket() ? "a socket" : "a device"}, not a regular file: expected an image file`,
      });
    } else if (isDynamicPattern(arg)) {
      const files = await glob(arg, { cwd, absolute: false });
      if (files.length === 0) throw new UsageError({ option: arg, message: "the pattern matches no file" });
      out.push(...files.sort());
    } else {
      throw new UsageError({ option: arg, message: "no such file or directory" });
    }
  }
  return out;
}
