/**
 * The app shell's service worker (built to /sw.js by vite-plugins/offline-shell-plugin.ts, which puts the
 * list of built files in place of the placeholder). It precaches the app, serves the precached files
 * first from the cache, and pages network-first with the cached page as fallback: once a model has been
 * loaded (and so cached by @mobilenetv1/hub), the playground opens and classifies with no network.
 * onnxruntime-web's .wasm files ("lazy") are not precached, since a page uses one of the two builds: the
 * one the page already downloaded is taken from the HTTP cache at install (the page registers this worker
 * after its first load), and any other is cached the first time it is fetched.
 * Requests for anything else (hub files, image URLs) are left to the browser.
 */

// DOM's lib has no service-worker types; these are the few members used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
// A JSON string the build replaces; parsed at run time so the minifier cannot fold the placeholder away.
const manifest = JSON.parse("__PRECACHE_MANIFEST__") as { version: string; files: string[]; lazy: string[] };
const CACHE_PREFIX = "mobilenetv1-playground-shell-";
const cacheName = CACHE_PREFIX + manifest.version;
const scope = new URL(worker.registration.scope);
const precached = new Set(manifest.files.map((f) => new URL(f, scope).href));
const lazy = new Set(manifest.lazy.map((f) => new URL(f, scope).href));

worker.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll([...precached]);
      for (const url of lazy) {
        // Only what the HTTP cache holds (the runtime the page used); nothing is downloaded for this.
        const cached = await fetch(url, { cache: "only-if-cached", mode: "same-origin" }).catch(
          () => undefined,
        );
        if (cached?.ok) await cache.put(url, cached);
      }
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== cacheName) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, scope.href));
  } else if (precached.has(url.href)) {
    event.respondWith(cacheFirst(request, url.href));
  } else if (lazy.has(url.href)) {
    event.respondWith(cacheOnUse(request, url.href));
  }
});

/** Pages: the network when it answers (so a new deploy shows at once), else the cached app page. */
async function networkFirst(request: Request, fallback: string): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(fallback, { cacheName });
    if (cached) return cached;
    throw error;
  }
}

/** Hashed assets never change under one name: the cache, else the network. */
async function cacheFirst(request: Request, key: string): Promise<Response> {
  return (await caches.match(key, { cacheName })) ?? fetch(request);
}

/** Runtime binaries: the cache, else the network, keeping a good answer for the next (offline) visit. */
async function cacheOnUse(request: Request, key: string): Promise<Response> {
  const cached = await caches.match(key, { cacheName });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(key, response.clone());
  }
  return response;
}
