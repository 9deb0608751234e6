import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { checkIntegrity } from "../cache/check-integrity.js";
import { HubIntegrityError } from "../errors/hub-errors.js";
import { HubFileTooLargeError } from "../errors/hub-file-errors.js";
import type { DownloadSink } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import { hashFile } from "./hash-file.js";
import { linkBlob } from "./link-blob.js";
import type { RepoCachePaths } from "./repo-cache-paths.js";
import { withFileLock } from "./with-file-lock.js";

/**
 * Makes `snapshots/<commit>/<file>` a link to its blob. Downloads the blob when the cache does not have
 * it: into `blobs/<etag>.node.incomplete` (resuming what a previous run of ours left there), checked
 * (size, then sha256 or git sha1), then renamed to `blobs/<etag>`; a failed check deletes the partial
 * file and leaves nothing in `snapshots/`. Processes sharing the cache download a blob once (a lock file
 * per blob). A pointer that is not a regular file (a FIFO, a device) does not count: it is replaced.
 *
 * @example
 * await storeBlob({ repoId, paths, commit, file, download: (sink) => downloadRemoteFile({ hub, commit, file, sink }) });
 */
export async function storeBlob(params: {
  repoId: string;
  paths: RepoCachePaths;
  commit: string;
  file: RemoteFile;
  download: (sink: DownloadSink) => Promise<void>;
}): Promise<void> {
  const { paths, file } = params;
  const pointer = paths.pointer(params.commit, file.path);
  if (await isFile(pointer)) return;
  const blob = paths.blob(file.etag);
  await withFileLock({
    path: paths.lock(file.etag),
    fn: async () => {
      // Someone else may have finished while we waited for the lock.
      if (await isFile(pointer)) return;
      if (!(await isFile(blob))) {
        const incomplete = paths.incomplete(file.etag);
        const resumed = (await sizeOf(incomplete)) > 0;
        const toFile = () => downloadToFile({ ...params, path: incomplete });
        try {
          await toFile();
        } catch (error) {
          // Bytes left by an earlier run may be from another file version: start over once.
          if (!(error instanceof HubIntegrityError) || !resumed) throw error;
          await toFile();
        }
        await rename(incomplete, blob);
      }
      await linkBlob({ blob, pointer });
    },
  });
}

async function downloadToFile(params: {
  repoId: string;
  file: RemoteFile;
  path: string;
  download: (sink: DownloadSink) => Promise<void>;
}) {
  const { file, path } = params;
  // A partial file longer than the file cannot be a prefix of it.
  if ((await sizeOf(path)) > file.size) await rm(path, { force: true });
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, "a");
  let size = (await handle.stat()).size;
  let refused: unknown;
  try {
    await params.download({
      size: () => size,
      write: async (chunk) => {
        await handle.write(chunk);
        size += chunk.byteLength;
      },
      truncate: async () => {
        await handle.truncate(0);
        size = 0;
      },
    });
  } catch (error) {
    // Wrong bytes are not worth resuming; on a network error (drop, stall) the partial file stays, for
    // the next run to resume with a Range request.
    if (error instanceof HubIntegrityError || error instanceof HubFileTooLargeError) refused = error;
    throw error;
  } finally {
    await handle.close();
    if (refused) await rm(path, { force: true });
  }
  try {
    await checkIntegrity({
      repoId: params.repoId,
      file,
      size: (await stat(path)).size,
      digest: ({ algorithm, prefix }) => hashFile({ path, algorithm, prefix }),
    });
  } catch (error) {
    await rm(path, { force: true });
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
