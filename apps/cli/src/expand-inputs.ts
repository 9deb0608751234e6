import { stat } from "node:fs/promises";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "./exit-codes.js";

/** Extensions taken from a directory (the decoders' formats). */
export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "avif"];

/**
 * Turns the command line's image arguments into a list of files and URLs, in order: a URL stays as it is,
 * a directory gives its images (sorted), a glob its matches (sorted); a plain path must exist.
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
    } else if (info) {
      out.push(arg);
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
