// The console's service worker (served at /sw.js, scope /). It keeps the console's shell — the
// HTML entry, the hashed bundles and fonts, the manifest and icons — so the console opens with
// no network; the police's last-seen queue is the page's own (localStorage), not this cache.
//
// It answers only those files. The API (/api/), /docs, /guide, /health and /metrics are routed
// to the network before this worker runs (the Service Worker static routing API, where the
// browser has it) and, everywhere, the fetch handler below leaves them alone: they are never
// stored here and never answered from here. Only GET is ever answered: a write always goes to
// the service, so nothing is queued behind the user's back.
//
// build.mjs fills SHELL and VERSION (the hashed file names), so each build is a new worker
// and the old cache is dropped when it activates.
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = `pp-shell-${VERSION}`;
const NETWORK_ONLY = ["/api/", "/docs", "/guide", "/health", "/metrics"];

function ours(url) {
  if (url.origin !== self.location.origin) return false;
  if (NETWORK_ONLY.some((p) => url.pathname === p.replace(/\/$/, "") || url.pathname.startsWith(p))) return false;
  return url.pathname === "/" || url.pathname.startsWith("/assets/") || url.pathname === "/manifest.webmanifest";
}

self.addEventListener("install", (event) => {
  let routed = Promise.resolve();
  if (event.addRoutes && typeof URLPattern === "function") {
    try {
      routed = Promise.resolve(
        event.addRoutes(
          NETWORK_ONLY.map((p) => ({
            condition: { urlPattern: new URLPattern({ pathname: p.endsWith("/") ? `${p}*` : `${p}{/*}?` }) },
            source: "network",
          })),
        ),
      ).catch(() => undefined);
    } catch (_) {
      /* the fetch handler below leaves them to the network all the same */
    }
  }
  event.waitUntil(
    routed
      .then(() => caches.open(CACHE))
      .then((c) => c.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("pp-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (!ours(url)) return;
  if (url.pathname === "/") {
    // The entry: the network first (it names the current bundles), the kept copy offline.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put("/", copy));
          }
          return res;
        })
        .catch(() => caches.match("/", { ignoreVary: true }).then((r) => r || Response.error())),
    );
    return;
  }
  // Hashed files never change: the kept copy first. `ignoreVary`: the service answers
  // `Vary: Origin` (CORS), and a module script's request carries an Origin that the worker's
  // own fetch at install did not.
  event.respondWith(caches.match(req, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit || fetch(req)));
});
