import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromCheckoutRoot } from '../install-paths.js';
import { API_RESPONSE_HEADERS, APP_PAGE_HEADERS } from './security-headers.js';

/** The built citizen web app (web/, `npm run build`; `npm start` builds it when its sources changed). */
export const DEFAULT_WEB_ROOT = fromCheckoutRoot('web', 'dist');

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
 * The web app at `/`: its hashed files under /assets (cached for a year: a new build has new names), and its
 * page for the app's paths, with the app's own content security policy. Without a build (web/dist missing: tests
 * of the API alone) nothing is registered and `/` stays a 404.
 */
export async function registerWebApp(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
  app: FastifyInstance<any, any, any, any, any>,
  root: string | null = DEFAULT_WEB_ROOT,
): Promise<boolean> {
  const indexFile = root ? path.join(root, 'index.html') : null;
  if (!root || !indexFile || !existsSync(indexFile)) return false;
  const page = readFileSync(indexFile);
  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    schemaHide: true,
  });
  const config = { securityHeaders: APP_PAGE_HEADERS };
  // the service worker, at the root for a scope of `/`; checked for a new version on every visit (no-cache). It
  // runs under the policy of its own answer: the page's (connect-src 'self'), not the API's `default-src 'none'`
  const worker = path.join(root, 'sw.js');
  if (existsSync(worker)) {
    const script = readFileSync(worker);
    app.get('/sw.js', { schema: { hide: true }, config }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(script),
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
  return true;
}
