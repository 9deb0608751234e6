import { checkIntegrity } from "../cache/check-integrity.js";
import type { OpenRepoCache, RepoCache } from "../cache/repo-cache.js";
import { HubCachedFileError, HubFileTooLargeError } from "../errors/hub-file-errors.js";

/** Cache Storage name when `cacheDir` is not given (in browsers `cacheDir` names the Cache Storage cache). */
export const DEFAULT_BROWSER_CACHE = "mobilenetv1-hub";
// Keys are URLs (Cache Storage wants them) under a reserved domain: never fetched, independent of the
// hub endpoint, so a download through a mirror serves later loads from any endpoint.
const KEY_ORIGIN = "https://hub-cache.mobilenetv1.invalid";

/**
 * The {@link RepoCache} of browsers: one Cache Storage cache (`cacheDir`, else
 * {@link DEFAULT_BROWSER_CACHE}) holding, per repo, `<repo>/snapshots/<commit>/<file>` (the bytes, stored
 * only once checked), `<repo>/snapshots/<commit>/` (a marker: the snapshot exists), `<repo>/refs/<revision>`
 * and `<repo>/.no_exist/<commit>/<file>`, the keys under `https://hub-cache.mobilenetv1.invalid/`. Where
 * there is no Cache Storage (plain http, some embedded webviews) files are kept in memory for the page's
 * life, so loading still works, just without persistence. Across tabs, the Web Locks API (where present)
 * lets one tab download a file while the others wait and then read the cache.
 *
 * @example
 * const cache = await openCacheStorageRepoCache({ repoId: "google/mobilenet_v1_1.0_224", cacheDir: undefined });
 * cache.snapshot("abc") // "https://hub-cache.mobilenetv1.invalid/google/mobilenet_v1_1.0_224/snapshots/abc/"
 */
export const openCacheStorageRepoCache: OpenRepoCache = async ({ repoId, cacheDir }) => {
  const location = cacheDir ?? DEFAULT_BROWSER_CACHE;
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  const store: Pick<Cache, "match" | "put"> = storage ? await storage.open(location) : memoryCache(location);
  const root = `${KEY_ORIGIN}/${repoId}`;
  const path = (file: string) => file.split("/").map(encodeURIComponent).join("/");
  const snapshot = (commit: string) => `${root}/snapshots/${commit}/`;
  const fileKey = (p: { commit: string; file: string }) => snapshot(p.commit) + path(p.file);
  const absentKey = (p: { commit: string; file: string }) => `${root}/.no_exist/${p.commit}/${path(p.file)}`;
  const refKey = (revision: string) => `${root}/refs/${encodeURIComponent(revision)}`;
  const has = async (key: string) => (await store.match(key)) !== undefined;
  const putText = (key: string, text: string) =>
    store.put(key, new Response(text, { headers: { "Content-Type": "text/plain" } }));
  const readRef = async (revision: string) => (await (await store.match(refKey(revision)))?.text())?.trim();

  const cache: RepoCache = {
    location,
    snapshot,
    async createSnapshot(commit) {
      await putText(snapshot(commit), "");
      return snapshot(commit);
    },
    hasSnapshot: (commit) => has(snapshot(commit)),
    readRef,
    async writeRef({ revision, commit }) {
      if (revision === commit || (await readRef(revision)) === commit) return;
      await putText(refKey(revision), commit).catch(() => undefined);
    },
    hasFile: (p) => has(fileKey(p)),
    isAbsent: (p) => has(absentKey(p)),
    async recordAbsent(p) {
      await putText(absentKey(p), "").catch(() => undefined);
    },
    async readFile({ commit, file, limit, expectedSize }) {
      const response = await store.match(fileKey({ commit, file }));
      if (!response) return undefined;
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > limit.limit) {
        const { limit: maxBytes, limitName: setting } = limit;
        throw new HubFileTooLargeError({ repoId, file, size: bytes.byteLength, maxBytes, setting });
      }
      if (expectedSize !== undefined && bytes.byteLength !== expectedSize) {
        const problem = `is ${bytes.byteLength} bytes, but the hub says ${expectedSize}`;
        throw new HubCachedFileError({ repoId, file, path: fileKey({ commit, file }), problem });
      }
      return bytes;
    },
    async storeFile({ commit, file, download }) {
      const key = fileKey({ commit, file: file.path });
      const run = async () => {
        if (await has(key)) return;
        const bytes = await downloadBytes(download);
        await checkIntegrity({
          repoId,
          file,
          size: bytes.byteLength,
          digest: ({ algorithm, prefix }) => digestBytes({ algorithm, prefix, bytes }),
        });
        const headers = {
          "Content-Type": "application/octet-stream",
          "Content-Length": String(bytes.byteLength),
          ETag: `"${file.etag}"`,
        };
        await store.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
        await putText(snapshot(commit), "");
      };
      const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
      await (locks ? locks.request(`mobilenetv1-hub:${location}:${key}`, run) : run());
    },
  };
  return cache;
};

/** Runs `download` into memory (a resumed download appends; a restarted one starts over). */
async function downloadBytes(
  download: Parameters<RepoCache["storeFile"]>[0]["download"],
): Promise<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let size = 0;
  await download({
    size: () => size,
    write: async (chunk) => {
      chunks.push(chunk);
      size += chunk.byteLength;
    },
    truncate: async () => {
      chunks = [];
      size = 0;
    },
  });
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function digestBytes(params: {
  algorithm: "sha256" | "sha1";
  prefix?: string;
  bytes: Uint8Array;
}): Promise<string> {
  let data = params.bytes;
  if (params.prefix) {
    const header = new TextEncoder().encode(params.prefix);
    data = new Uint8Array(header.byteLength + params.bytes.byteLength);
    data.set(header);
    data.set(params.bytes, header.byteLength);
  }
  const algorithm = params.algorithm === "sha256" ? "SHA-256" : "SHA-1";
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

const memoryCaches = new Map<string, Map<string, Response>>();

function memoryCache(name: string): Pick<Cache, "match" | "put"> {
  const store = memoryCaches.get(name) ?? new Map<string, Response>();
  memoryCaches.set(name, store);
  return {
    match: async (key) => store.get(String(key))?.clone(),
    put: async (key, response) => {
      store.set(String(key), response.clone());
    },
  };
}
