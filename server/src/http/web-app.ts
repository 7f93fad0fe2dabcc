import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromCheckoutRoot } from '../install-paths.js';
import type { MapTiles } from './map-tiles.js';
import { API_RESPONSE_HEADERS, appPageHeaders } from './security-headers.js';

/** The built citizen web app (web/, `npm run build`; `npm start` builds it when its sources changed). */
export const DEFAULT_WEB_ROOT = fromCheckoutRoot('web', 'dist');

const ICON_TYPES: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Paths the app never answers: an unknown address under them stays the API's JSON 404. */
const NOT_THE_APP = ['/api', '/media', '/docs', '/openapi.json', '/healthz', '/assets'];
const isReserved = (url: string) => {
  const pathname = url.split('?', 1)[0]!;
  return NOT_THE_APP.some((p) => pathname === p || pathname.startsWith(`${p}/`));
};

/**
 * The app's own paths (web/src/App.tsx routes them in the browser): `/`, one segment (`/lapor`, `/saya`, `/cek`,
 * `/jakrespons`, or an unknown one the app answers itself) and a report's page. No catch-all `/*`: the router
 * would take it for any API address it cannot match, such as a path parameter past its length (a 414 today).
 */
const APP_PATHS = ['/', '/:page', '/laporan/:ticket'];
const MONITOR_PATHS = ['/monitor', '/monitor/', '/monitor/*'];

/**
 * The staff console (web/staff.html, web/src/staff/): its own page, so the citizen app never loads its code.
 * `/staff`, one segment (`/staff/antrean`, `/staff/validasi`), a report (`/staff/laporan/{ticket}`) and the
 * administration screens (`/staff/admin/akun`, `/staff/admin/kota`, `/staff/admin/pekerjaan`).
 */
const STAFF_PATHS = ['/staff', '/staff/', '/staff/:page', '/staff/laporan/:ticket', '/staff/admin/:page'];

/**
 * The web app at `/`: its hashed files under /assets (cached for a year: a new build has new names), and its
 * page for the app's paths, with the app's own content security policy. Without a build (web/dist missing: tests
 * of the API alone) nothing is registered and `/` stays a 404.
 */
export async function registerWebApp(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
  app: FastifyInstance<any, any, any, any, any>,
  root: string | null = DEFAULT_WEB_ROOT,
  /** The maps' tile server, whose images the page's policy then allows. */
  mapTiles: MapTiles | null = null,
): Promise<boolean> {
  const indexFile = root ? path.join(root, 'index.html') : null;
  if (!root || !indexFile || !existsSync(indexFile)) return false;
  const page = readFileSync(indexFile);
  const staffFile = path.join(root, 'staff.html');
  const staffPage = existsSync(staffFile) ? readFileSync(staffFile) : null;
  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    schemaHide: true,
  });
  const config = { securityHeaders: appPageHeaders(mapTiles?.origin ?? null) };
  // the service worker, at the root for a scope of `/`; checked for a new version on every visit (no-cache). It
  // runs under the policy of its own answer: the page's (connect-src 'self'), not the API's `default-src 'none'`
  const worker = path.join(root, 'sw.js');
  if (existsSync(worker)) {
    const script = readFileSync(worker);
    app.get('/sw.js', { schema: { hide: true }, config }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(script),
    );
  }
  // what crawlers ask for at the root: without it `/robots.txt` would be taken for an app page
  const robots = path.join(root, 'robots.txt');
  if (existsSync(robots)) {
    const text = readFileSync(robots);
    app.get('/robots.txt', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(text),
    );
  }
  // the web app manifest and its icons (web/public, copied as they are): the app can be installed. Cached a day:
  // their names do not change with a build
  const manifest = path.join(root, 'manifest.webmanifest');
  if (existsSync(manifest)) {
    const body = readFileSync(manifest);
    app.get('/manifest.webmanifest', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('application/manifest+json').send(body),
    );
  }
  const icons = path.join(root, 'icons');
  if (existsSync(icons))
    for (const name of readdirSync(icons).filter((n) => ICON_TYPES[path.extname(n)])) {
      const body = readFileSync(path.join(icons, name));
      app.get(`/icons/${name}`, { schema: { hide: true } }, (_request, reply) =>
        reply
          .header('cache-control', 'public, max-age=86400')
          .type(ICON_TYPES[path.extname(name)]!)
          .send(body),
      );
    }
  // the monitoring room (web/monitor.html, its own entry): /monitor and anything under it
  const monitorFile = path.join(root, 'monitor.html');
  if (existsSync(monitorFile)) {
    const monitor = readFileSync(monitorFile);
    for (const url of MONITOR_PATHS)
      app.get(url, { schema: { hide: true }, config }, (_request, reply) =>
        reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(monitor),
      );
  }
  for (const url of APP_PATHS)
    app.get(url, { schema: { hide: true }, config }, (request, reply) => {
      // `/api`, `/media`…: the API's 404, with the API's headers
      if (isReserved(request.url)) return reply.headers(API_RESPONSE_HEADERS).callNotFound();
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    });
  if (staffPage)
    for (const url of STAFF_PATHS)
      app.get(url, { schema: { hide: true }, config }, (_request, reply) =>
        // no-store: the console's page is the same for everyone, but nothing of a staff session is kept
        reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(staffPage),
      );
  return true;
}
