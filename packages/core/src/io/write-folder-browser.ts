import { InputError } from "../errors/errors.js";

/** Browsers have no folders by path: use `toFiles()` and store the bytes where the app wants. */
export async function writeFolder(params: { dir: string; files: Record<string, Uint8Array> }): Promise<void> {
  throw new InputError({
    argument: "dir",
    value: params.dir,
    expected: "a folder path, available in Node only (use toFiles() in browsers)",
  });
}
