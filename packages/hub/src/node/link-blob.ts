import { copyFile, mkdir, realpath, rm, symlink } from "node:fs/promises";
import { dirname, relative } from "node:path";

/**
 * Points `snapshots/<commit>/<file>` at `blobs/<etag>` with a relative symlink
 * (`../../blobs/<etag>`), as huggingface_hub's `_create_symlink` does, so the cache survives being
 * moved. Where symlinks are not allowed (Windows without developer mode) the blob is copied, like
 * Python's fallback. A link to the same blob made meanwhile by another load is kept as is.
 *
 * (@huggingface/hub has the same helper but does not export it, and its fallback on any symlink error
 * is a copy, so it would also copy on EEXIST.)
 *
 * @example
 * await linkBlob({ blob: ".../blobs/51923c2d...", pointer: ".../snapshots/4f3e.../pytorch_model.bin" });
 */
export async function linkBlob(params: { blob: string; pointer: string }): Promise<void> {
  const { blob, pointer } = params;
  await mkdir(dirname(pointer), { recursive: true });
  const target = relative(dirname(pointer), blob);
  try {
    await symlink(target, pointer);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      if ((await realpath(pointer).catch(() => "")) === (await realpath(blob))) return;
      await rm(pointer, { force: true });
      await symlink(target, pointer);
      return;
    }
    if (code !== "EPERM" && code !== "EACCES" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
  }
  await copyFile(blob, pointer);
}
