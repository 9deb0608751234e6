import { HubIntegrityError } from "../errors/hub-errors.js";
import { downloadRemoteFile } from "../net/download-remote-file.js";
import type { RemoteFile } from "../net/remote-file.js";
import type { ResolvedHubOptions } from "../options/resolve-hub-options.js";
import type { BrowserRepoCache } from "./browser-cache.js";

const inFlight = new Map<string, Promise<Uint8Array>>();

/**
 * The bytes of `file` at `commit`: from Cache Storage, else downloaded (resuming with Range after a
 * drop), verified (size, then sha256 or git sha1, with WebCrypto) and stored. Loads of one file in this
 * page share one download; across tabs, the Web Locks API (where present) lets one tab download while
 * the others wait and then read the cache.
 *
 * @example
 * const bytes = await fetchFileBytes({ hub, cache, commit, file });
 */
export async function fetchFileBytes(params: {
  hub: ResolvedHubOptions;
  cache: BrowserRepoCache;
  commit: string;
  file: RemoteFile;
}): Promise<Uint8Array> {
  const key = `${params.hub.repoId}/${params.commit}/${params.file.path}`;
  let pending = inFlight.get(key);
  if (!pending) {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    const run = () => cachedOrDownload(params);
    const locked = async (): Promise<Uint8Array> =>
      locks ? ((await locks.request(`mobilenetv1-hub:${key}`, run)) as Uint8Array) : run();
    pending = locked().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function cachedOrDownload(params: {
  hub: ResolvedHubOptions;
  cache: BrowserRepoCache;
  commit: string;
  file: RemoteFile;
}): Promise<Uint8Array> {
  const { hub, cache, commit, file } = params;
  const where = { repoId: hub.repoId, commit, file: file.path };
  const cached = await cache.getFile(where);
  if (cached) return cached;
  let chunks: Uint8Array[] = [];
  let size = 0;
  await downloadRemoteFile({
    hub,
    commit,
    file,
    sink: {
      size: () => size,
      write: async (chunk) => {
        chunks.push(chunk);
        size += chunk.byteLength;
      },
      truncate: async () => {
        chunks = [];
        size = 0;
      },
    },
  });
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  await verifyBytes({ repoId: hub.repoId, file, bytes });
  await cache.putFile({ ...where, bytes, etag: file.etag });
  return bytes;
}

async function verifyBytes(params: { repoId: string; file: RemoteFile; bytes: Uint8Array }): Promise<void> {
  const { file, bytes } = params;
  const fail = (check: "size" | "sha256" | "git-sha1", expected: string, actual: string) =>
    new HubIntegrityError({ repoId: params.repoId, file: file.path, check, expected, actual });
  if (bytes.byteLength !== file.size) throw fail("size", `${file.size} bytes`, `${bytes.byteLength} bytes`);
  if (file.sha256) {
    const actual = await hex("SHA-256", bytes);
    if (actual !== file.sha256) throw fail("sha256", file.sha256, actual);
  } else if (file.gitSha1) {
    const header = new TextEncoder().encode(`blob ${bytes.byteLength}\0`);
    const all = new Uint8Array(header.byteLength + bytes.byteLength);
    all.set(header);
    all.set(bytes, header.byteLength);
    const actual = await hex("SHA-1", all);
    if (actual !== file.gitSha1) throw fail("git-sha1", file.gitSha1, actual);
  }
}

async function hex(algorithm: "SHA-256" | "SHA-1", bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
