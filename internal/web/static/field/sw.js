// The field app's service worker, served at /field/sw.js with self.FIELD
// (version, shell, assets) written in front by the server. It keeps the
// shell and the static files of this release, so the app opens with no
// signal. The day's data and the outbox live in IndexedDB, not here; API
// requests pass through untouched.
/* global self, caches */
const CFG = self.FIELD;
const CACHE = `field-${CFG.version}`;
const NETWORK_WAIT = 4000; // a navigation falls back to the cached shell after this long

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CFG.assets);
    await keepShell(cache, await fetch(CFG.shell, { credentials: 'same-origin', cache: 'no-store' }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const k of await caches.keys()) {
      if (k.startsWith('field-') && k !== CACHE) await caches.delete(k);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate' && url.pathname === CFG.shell) {
    event.respondWith(shell(req));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(asset(req));
  }
});

// keepShell stores the shell, but never a sign-in page or an error: a
// redirect means the session ended, and the worker must sign in online.
async function keepShell(cache, res) {
  if (res && res.ok && !res.redirected && res.type === 'basic') {
    await cache.put(CFG.shell, res.clone());
  }
  return res;
}

// shell answers the app's page from the network when it answers soon,
// else from the cache.
async function shell(req) {
  const cache = await caches.open(CACHE);
  const net = fetch(req).then((res) => keepShell(cache, res));
  net.catch(() => {}); // a late failure after the cache answered is no error
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT, null));
  try {
    const res = await Promise.race([net, timeout]);
    if (res) return res;
  } catch { /* offline: the cache answers */ }
  const cached = await cache.match(CFG.shell);
  if (cached) return cached;
  return net; // nothing cached yet: wait for the network, or fail as the browser would
}

// asset answers versioned static files from the cache first.
async function asset(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok && new URL(req.url).searchParams.get('v') === CFG.version) await cache.put(req, res.clone());
  return res;
}
