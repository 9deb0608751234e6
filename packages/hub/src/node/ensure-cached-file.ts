import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { HubIntegrityError } from "../errors/hub-errors.js";
import { HubFileTooLargeError } from "../errors/hub-file-errors.js";
import { downloadRemoteFile } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import { linkBlob } from "./link-blob.js";
import type { RepoCachePaths } from "./repo-cache-paths.js";
import { verifyBlobFile } from "./verify-blob-file.js";
import { withFileLock } from "./with-file-lock.js";

// Loads of one file in this process share one promise; other processes wait on the lock file.
const inFlight = new Map<string, Promise<string>>();

/**
 * Makes `snapshots/<commit>/<file>` exist and returns its path. Downloads the blob when the cache does
 * not have it: into `blobs/<etag>.node.incomplete` (resuming what a previous run of ours left there), verified
 * (size, then sha256 or git sha1), then renamed to `blobs/<etag>`; a failed check deletes the partial
 * file and leaves nothing in `snapshots/`. Concurrent calls for one file download it once.
 *
 * @example
 * const path = await ensureCachedFile({ hub, paths, commit, file });
 * // ".../models--google--mobilenet_v1_1.0_224/snapshots/<commit>/pytorch_model.bin"
 */
export async function ensureCachedFile(params: {
  hub: ResolvedHubOptions;
  paths: RepoCachePaths;
  commit: string;
  file: RemoteFile;
}): Promise<string> {
  const pointer = params.paths.pointer(params.commit, params.file.path);
  let pending = inFlight.get(pointer);
  if (!pending) {
    pending = cacheFile({ ...params, pointer }).finally(() => inFlight.delete(pointer));
    inFlight.set(pointer, pending);
  }
  return pending;
}

async function cacheFile(params: {
  hub: ResolvedHubOptions;
  paths: RepoCachePaths;
  commit: string;
  file: RemoteFile;
  pointer: string;
}): Promise<string> {
  const { hub, paths, file, pointer } = params;
  if (await isFile(pointer)) return pointer;
  const blob = paths.blob(file.etag);
  return withFileLock({
    path: paths.lock(file.etag),
    fn: async () => {
      // Someone else may have finished while we waited for the lock.
      if (await isFile(pointer)) return pointer;
      if (!(await isFile(blob))) {
        const incomplete = paths.incomplete(file.etag);
        const resumed = (await sizeOf(incomplete)) > 0;
        try {
          await downloadToFile({ hub, commit: params.commit, file, path: incomplete });
        } catch (error) {
          // Bytes left by an earlier run may be from another file version: start over once.
          if (!(error instanceof HubIntegrityError) || !resumed) throw error;
          await downloadToFile({ hub, commit: params.commit, file, path: incomplete });
        }
        await rename(incomplete, blob);
      }
      await linkBlob({ blob, pointer });
      return pointer;
    },
  });
}

async function downloadToFile(params: {
  hub: ResolvedHubOptions;
  commit: string;
  file: RemoteFile;
  path: string;
}) {
  // A partial file longer than the file cannot be a prefix of it.
  if ((await sizeOf(params.path)) > params.file.size) await rm(params.path, { force: true });
  await mkdir(dirname(params.path), { recursive: true });
  const handle = await open(params.path, "a");
  let size = (await handle.stat()).size;
  let refused: unknown;
  try {
    await downloadRemoteFile({
      hub: params.hub,
      commit: params.commit,
      file: params.file,
      sink: {
        size: () => size,
        write: async (chunk) => {
          await handle.write(chunk);
          size += chunk.byteLength;
        },
        truncate: async () => {
          await handle.truncate(0);
          size = 0;
        },
      },
    });
  } catch (error) {
    // Wrong bytes are not worth resuming; on a network error (drop, stall) the partial file stays, for
    // the next run to resume with a Range request.
    if (error instanceof HubIntegrityError || error instanceof HubFileTooLargeError) refused = error;
    throw error;
  } finally {
    await handle.close();
    if (refused) await rm(params.path, { force: true });
  }
  try {
    await verifyBlobFile({ repoId: params.hub.repoId, path: params.path, file: params.file });
  } catch (error) {
    await rm(params.path, { force: true });
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
