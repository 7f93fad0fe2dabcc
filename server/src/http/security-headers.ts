import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export interface HttpSecurityOptions {
  /** Exact origins whose pages may call the API from a browser (SIGAP_CORS_ORIGINS); empty: none may. */
  corsOrigins: readonly string[];
}

type Directives = Record<string, string[]>;

/**
 * The API answers JSON and media files, never a page that loads anything: a document it serves may load
 * nothing, be framed by no one, and submit no form.
 */
const API_CSP: Directives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI at /docs: its own scripts and style sheets (no inline script: @fastify/swagger-ui loads its
 * initializer from a file), the icons its style sheets embed as data: URLs, and requests to this server
 * ("Try it out"). Nothing from other hosts; the spec validator badge is off in @fastify/swagger-ui.
 */
const DOCS_CSP: Directives = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  // plus the one <style> element Swagger UI writes (inside its logo's SVG), allowed by its hash alone
  styleSrc: ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

/**
 * The citizen web app's pages (web/, served at /): its own scripts and style sheets only (no inline script or
 * style), photos from this server and the previews the browser makes of a chosen file (blob:), requests to this
 * server only. Nothing from other hosts.
 */
const APP_CSP: Directives = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  // the app-shell service worker (web/public/sw.js), served at /sw.js so that its scope is the whole app
  workerSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

const csp = (directives: Directives) => ({ useDefaults: false, directives });

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: csp(API_CSP),
  frameguard: { action: 'deny' },
  // Sigap does not own the other hosts of the domain it runs under, so the policy names only its own host.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
};

/**
 * The headers helmet sets for a configuration, asked once at start. Its Fastify plugin (@fastify/helmet) built
 * the whole middleware again on every request (measured: ~13 µs a request, 7% of a bare `select 1` route);
 * the headers depend on the configuration alone, so every answer gets these same ones.
 */
function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    // X-Powered-By, which neither Node nor Fastify sends
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

const API_HEADERS = helmetHeaders(HELMET_OPTIONS);
const DOCS_HEADERS = helmetHeaders({ ...HELMET_OPTIONS, contentSecurityPolicy: csp(DOCS_CSP) });
/** The API's own, for an answer that turns out not to be the app's page after all (web-app.ts). */
export const API_RESPONSE_HEADERS = API_HEADERS;
/** For the web app's HTML (http/web-app.ts sets them as its routes' `securityHeaders`). */
export const APP_PAGE_HEADERS = helmetHeaders({ ...HELMET_OPTIONS, contentSecurityPolicy: csp(APP_CSP) });

/** The app page's headers when its maps draw tiles from a tile server (SIGAP_MAP_TILES_URL): images from there too. */
export function appPageHeaders(tileOrigin: string | null): Readonly<Record<string, string>> {
  if (!tileOrigin) return APP_PAGE_HEADERS;
  const directives = { ...APP_CSP, imgSrc: [...APP_CSP.imgSrc!, tileOrigin] };
  return helmetHeaders({ ...HELMET_OPTIONS, contentSecurityPolicy: csp(directives) });
}

/**
 * Security headers on every answer, errors and unknown routes included (helmet: a content security policy, no
 * framing, no MIME sniffing, no referrer, HSTS for deployments behind TLS, same-origin resource and opener
 * policies) and cross-origin access for the listed origins only (none by default). Register before the routes:
 * the /docs policy is attached to routes as they are added.
 */
export async function registerSecurityHeaders(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any server/logger/type-provider flavour
  app: FastifyInstance<any, any, any, any, any>,
  options: HttpSecurityOptions,
  docsPrefix = '/docs',
): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.url === docsPrefix || route.url.startsWith(`${docsPrefix}/`))
      route.config = Object.assign(route.config ?? {}, { securityHeaders: DOCS_HEADERS });
  });
  app.addHook('onRequest', (request, reply, done) => {
    const config = request.routeOptions.config as { securityHeaders?: Record<string, string> } | undefined;
    reply.headers(config?.securityHeaders ?? API_HEADERS);
    done();
  });
  // No listed origin: no CORS plugin at all (no Access-Control-* headers, a preflight is answered 404), and no
  // hook on every request.
  if (options.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: [...options.corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // bearer tokens (citizen and staff) and JSON bodies; the session cookie is not offered across origins
    allowedHeaders: ['authorization', 'content-type'],
    exposedHeaders: ['retry-after'],
    credentials: false,
    maxAge: 600,
  });
}
