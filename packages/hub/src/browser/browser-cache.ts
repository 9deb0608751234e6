/** Cache Storage name when `cacheDir` is not given (in browsers `cacheDir` names the Cache Storage cache). */
export const DEFAULT_BROWSER_CACHE = "mobilenetv1-hub";
// Keys are URLs (Cache Storage wants them) under a reserved domain: never fetched, independent of the
// hub endpoint, so a download through a mirror serves later loads from any endpoint.
const KEY_ORIGIN = "https://hub-cache.mobilenetv1.invalid";

/** The repo files and refs kept in one Cache Storage cache, keyed by repo, commit (or revision) and file. */
export interface BrowserRepoCache {
  /** Key prefix of a snapshot: `https://hub-cache.mobilenetv1.invalid/<repo>/snapshots/<commit>/`. */
  snapshot(params: { repoId: string; commit: string }): string;
  getFile(params: { repoId: string; commit: string; file: string }): Promise<Uint8Array | undefined>;
  hasFile(params: { repoId: string; commit: string; file: string }): Promise<boolean>;
  putFile(params: {
    repoId: string;
    commit: string;
    file: string;
    bytes: Uint8Array;
    etag: string;
  }): Promise<void>;
  /** The commit `revision` pointed to when last resolved online (the browser's `refs/<revision>`). */
  getRef(params: { repoId: string; revision: string }): Promise<string | undefined>;
  putRef(params: { repoId: string; revision: string; commit: string }): Promise<void>;
}

/**
 * Opens the Cache Storage cache `name` (`globalThis.caches`: windows and workers on secure origins).
 * Where there is none (plain http, some embedded webviews) files are kept in memory for the page's
 * life, so loading still works, just without persistence.
 *
 * @example
 * const cache = await openBrowserCache({});
 * await cache.getFile({ repoId: "google/mobilenet_v1_1.0_224", commit, file: "config.json" });
 */
export async function openBrowserCache(params: { name?: string }): Promise<BrowserRepoCache> {
  const name = params.name ?? DEFAULT_BROWSER_CACHE;
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  const cache: Pick<Cache, "match" | "put"> = storage ? await storage.open(name) : memoryCache(name);
  const snapshot = (p: { repoId: string; commit: string }) =>
    `${KEY_ORIGIN}/${p.repoId}/snapshots/${p.commit}/`;
  const fileKey = (p: { repoId: string; commit: string; file: string }) =>
    snapshot(p) + p.file.split("/").map(encodeURIComponent).join("/");
  const refKey = (p: { repoId: string; revision: string }) =>
    `${KEY_ORIGIN}/${p.repoId}/refs/${encodeURIComponent(p.revision)}`;
  return {
    snapshot,
    async getFile(p) {
      const response = await cache.match(fileKey(p));
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async hasFile(p) {
      return (await cache.match(fileKey(p))) !== undefined;
    },
    async putFile(p) {
      const headers = {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(p.bytes.byteLength),
        ETag: `"${p.etag}"`,
      };
      await cache.put(fileKey(p), new Response(p.bytes as Uint8Array<ArrayBuffer>, { headers }));
    },
    async getRef(p) {
      const response = await cache.match(refKey(p));
      return response ? (await response.text()).trim() : undefined;
    },
    async putRef(p) {
      await cache.put(refKey(p), new Response(p.commit, { headers: { "Content-Type": "text/plain" } }));
    },
  };
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
