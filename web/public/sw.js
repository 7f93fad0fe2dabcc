// Sigap's service worker: keeps the app shell (the page and its hashed files) so the app opens without a
// connection, and with it the reports waiting on the device. It never keeps an API answer, a photo or anything
// about a reporter: only the page and /assets/*. Registered by web/src/main.tsx in production builds only.
const CACHE = 'sigap-shell-v1';
const SHELL = '/';
// the monitoring room (/monitor) is another page: never kept as the citizen app's shell
const NOT_THE_APP = ['/api', '/media', '/docs', '/openapi.json', '/healthz', '/sw.js', '/monitor'];

const isApp = (pathname) => !NOT_THE_APP.some((p) => pathname === p || pathname.startsWith(`${p}/`));

/** The page and the files it names; older files (a previous build) are dropped. */
async function keepShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch(SHELL, { cache: 'no-cache' });
  if (!page.ok) return;
  const html = await page.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
  await cache.put(SHELL, page);
  const keep = new Set([SHELL, ...assets].map((p) => new URL(p, self.location.origin).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isApp(url.pathname)) {
    // the network first (a new build shows at once); the kept page when there is no connection
    event.respondWith(
      fetch(request)
        .then((answer) => {
          if (answer.ok) {
            const copy = answer.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(SHELL, copy)));
          }
          return answer;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
  } else if (url.pathname.startsWith('/assets/')) {
    // hashed names never change content: the kept copy, else the network (and keep it)
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ??
          fetch(request).then((answer) => {
            if (answer.ok) {
              const copy = answer.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return answer;
          }),
      ),
    );
  }
});
