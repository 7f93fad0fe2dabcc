// Sigap's service worker: keeps the app shell (the page and its hashed files) so the app opens without a
// connection, and with it the reports waiting on the device. It never keeps an API answer, a photo or anything
// about a reporter: only the page and /assets/*. Registered by web/src/main.tsx in production builds only.
const CACHE = 'sigap-shell-v1';
const SHELL = '/';
// the staff console (/staff) and the monitoring room (/monitor) are other pages: never kept as the citizen app's shell
const NOT_THE_APP = ['/api', '/media', '/docs', '/openapi.json', '/healthz', '/sw.js', '/staff', '/monitor'];

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

// Web Push (server: services/channels/push.ts): a report this device follows changed status. The message holds
// the ticket and the status only, never anything about the reporter; the notification says it in Indonesian, then
// English, and opens the report's page when tapped.
const TICKET = /^[A-Z]{1,6}[0-9]{10,}$/;

self.addEventListener('push', (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  const ticket = data && typeof data.ticket === 'string' && TICKET.test(data.ticket) ? data.ticket : null;
  const label = data && data.status && data.status.label ? data.status.label : null;
  const title = ticket ? `Laporan ${ticket}` : 'Sigap';
  const body =
    ticket && label && typeof label.id === 'string' && typeof label.en === 'string'
      ? `Status: ${label.id}. / Status: ${label.en}.`
      : 'Ada kabar tentang laporan Anda. / There is news about your report.';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      lang: 'id',
      tag: ticket ? `sigap-${ticket}` : 'sigap',
      data: { url: ticket ? `/laporan/${ticket}` : '/saya' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data && event.notification.data.url;
  const url = new URL(
    typeof path === 'string' && path.startsWith('/') ? path : '/saya',
    self.location.origin,
  );
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = windows.find((w) => w.url === url.href);
      if (same) return same.focus();
      const open = windows.find((w) => new URL(w.url).origin === url.origin);
      // navigate() works only for a page this worker controls; otherwise a new window
      const moved = open ? await open.navigate(url.href).catch(() => null) : null;
      return moved ? moved.focus() : self.clients.openWindow(url.href);
    })(),
  );
});
