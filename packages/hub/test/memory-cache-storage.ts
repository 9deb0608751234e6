/**
 * Just enough of the Cache Storage API (`caches.open`, `cache.match`, `cache.put`) in memory, to run
 * the browser build's code under Node.
 */
export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new MemoryCache();
      this.caches.set(name, cache);
    }
    return cache;
  }
}

export class MemoryCache {
  readonly entries = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(urlOf(key));
    return entry ? new Response(entry.body.slice(0), { headers: entry.headers }) : undefined;
  }
  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    if (response.status === 206) throw new TypeError("Cache.put: partial response");
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    this.entries.set(urlOf(key), { body: await response.arrayBuffer(), headers });
  }
}

function urlOf(key: RequestInfo | URL): string {
  return key instanceof Request ? key.url : String(key);
}
