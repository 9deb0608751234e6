import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Writes `files` into `dir` (created if needed). Each file goes to a temporary name first and is renamed,
 * so a crash never leaves a half-written file behind. Browser builds map this file to write-folder-browser.ts.
 */
export async function writeFolder(params: { dir: string; files: Record<string, Uint8Array> }): Promise<void> {
  await mkdir(params.dir, { recursive: true });
  for (const [name, bytes] of Object.entries(params.files)) {
    const target = join(params.dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }
}
