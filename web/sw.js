// Offline copy of this site: every file of assets.json, cached at install, served cache-first.
// The cache name changes with every build (build.py replaces the placeholder below with a hash of the files), so a
// new build installs beside the old one and waits; the page offers "Update available - Reload" and only then do we
// take over (SKIP_WAITING). Never a silent swap.
const VERSION = "__BUILD_VERSION__";
const CACHE = `caseclock-${VERSION}`;
const SCOPE = new URL("./", self.location).href;

async function assetURLs() {
  const response = await fetch(new URL("assets.json", SCOPE), { cache: "no-store" });
  if (!response.ok) throw new Error(`assets.json: HTTP ${response.status}`);
  const assets = await response.json();
  return [SCOPE, ...assets.files.map((f) => new URL(f, SCOPE).href)];
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const urls = await assetURLs();
    // Fresh from the server, not from the HTTP cache, so the copy matches this build.
    await cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("caseclock-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (data.type === "STATUS" && event.ports[0]) {
    event.waitUntil(status().then((s) => event.ports[0].postMessage(s), (err) =>
      event.ports[0].postMessage({ version: VERSION, complete: false, error: String(err) })));
  }
});

async function status() {
  const cache = await caches.open(CACHE);
  const keys = new Set((await cache.keys()).map((r) => r.url));
  let urls = [];
  try {
    urls = await assetURLs();
  } catch {
    // Offline: judge by what the cache holds (assets.json is one of its files).
    const assets = await cache.match(new URL("assets.json", SCOPE).href);
    if (assets) urls = [SCOPE, ...(await assets.json()).files.map((f) => new URL(f, SCOPE).href)];
  }
  const missing = urls.filter((u) => !keys.has(u));
  return { version: VERSION, complete: urls.length > 0 && missing.length === 0, cached: keys.size, total: urls.length };
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The exact URL only (no ignoreSearch): the worker's own URL must stay the one it was loaded from. The cached
    // Response is returned as it is, so its headers (application/wasm, the CSP) are kept.
    let hit = await cache.match(request);
    if (!hit && request.mode === "navigate" && (url.pathname === new URL(SCOPE).pathname ||
                                               url.pathname.endsWith("/index.html"))) {
      hit = await cache.match(SCOPE);        // the page itself, opened with a query string or as index.html
    }
    return hit || fetch(request);
  })());
});
