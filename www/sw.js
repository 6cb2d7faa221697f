// semlab's service worker: keeps the app's own files in a cache so that,
// after the first visit, the app opens and runs with the network off.
//
// It caches nothing but this app's files (same origin, GET) and never sends
// anything anywhere. The list of files and the version are written into this
// file at build time by scripts/sw-manifest.mjs (Trunk's post-build hook):
// every build with other files gets a new version, whose cache replaces the
// old one. Registered by the page as "./sw.js", so it works on any static
// host and under any sub-path.

const VERSION = "__SEMLAB_VERSION__";
const FILES = __SEMLAB_FILES__;
const PREFIX = "semlab-";
const CACHE = PREFIX + VERSION;

// A content-hashed file (app-HASH_bg.wasm, worker-HASH.js, …) never
// changes under its name, so the copy the page has just loaded, in the
// browser's HTTP cache, is the right one even when the server asked to
// revalidate: the install takes it from there ("force-cache") instead of
// downloading the app a second time. The page registers this worker after
// both wasm files have loaded. Other files (the page itself, worker-loader.js)
// follow the server's caching rules. Trunk writes the 64-bit hash in hex
// without its leading zeros (app-ca2de0989cb27_bg.wasm), so the hash has
// up to 16 digits, not always 16: one build in sixteen has fewer.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(
          FILES.map((f) => new Request(f, HASHED.test(f) ? { cache: "force-cache" } : {})),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith(PREFIX) && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});

// The app's files from the cache (they belong to this version); anything
// else of this origin from the network, kept for the next offline visit.
async function respond(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    if (request.mode === "navigate") {
      const page = await cache.match("./", { ignoreSearch: true });
      if (page) return page;
    }
    throw err;
  }
}
