import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SUGGESTIONS_PER_MINUTE } from '../../src/routes/suggest/route.js';
import { type TestContext, testContext } from '../support/test-app.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const PAGE = '<!doctype html><html lang="id"><head><title>Sigap</title></head><body>app</body></html>';
const STAFF_PAGE =
  '<!doctype html><html lang="id"><head><title>Sigap Petugas</title></head><body>staff</body></html>';

// The web app at / (a stand-in build in a temporary folder) next to the API, and the form's public helpers.
describe('the web app and the report form’s helpers over HTTP', () => {
  let ctx: TestContext;
  let app: App;
  let bare: App;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'sigap-web-root-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), PAGE);
    await writeFile(path.join(webRoot, 'staff.html'), STAFF_PAGE);
    await writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1);\n');
    await writeFile(path.join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
    await writeFile(path.join(webRoot, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
    await writeFile(path.join(webRoot, 'manifest.webmanifest'), '{"name":"Sigap","start_url":"/"}\n');
    await mkdir(path.join(webRoot, 'icons'));
    await writeFile(path.join(webRoot, 'icons', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(webRoot, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    ctx = await testContext('embedded');
    app = await buildApp(ctx, { intakePerMinute: 60, webRoot });
    bare = await buildApp(ctx, { intakePerMinute: 60, webRoot: null });
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await ctx?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  test('/ and every app path answer the page with the app’s own content security policy', async () => {
    for (const url of ['/', '/lapor', '/laporan/JK2611230001', '/jakrespons?kota=31.71']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toBe(PAGE);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' blob:");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
  });

  test('the staff console’s page at /staff and its paths: the app’s policy, never stored', async () => {
    for (const url of [
      '/staff',
      '/staff/',
      '/staff/antrean',
      '/staff/laporan/JK2611230001',
      '/staff/admin/akun',
    ]) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toBe(STAFF_PAGE);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
    }
    // deeper paths are not the console's: the router's 404
    expect((await app.inject({ method: 'GET', url: '/staff/a/b/c' })).statusCode).toBe(404);
  });

  test('the service worker is served at the root, as a script, never cached without asking, under the app’s policy', async () => {
    const worker = await app.inject({ method: 'GET', url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.body).toContain('addEventListener');
    expect(String(worker.headers['content-security-policy'])).toContain("connect-src 'self'");
    // without a build there is no worker either
    expect((await bare.inject({ method: 'GET', url: '/sw.js' })).statusCode).toBe(404);
  });

  test('robots.txt is the build’s text file, not an app page', async () => {
    const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toBe('User-agent: *\nDisallow: /api/\n');
  });

  test('the web app manifest and its icons make the app installable', async () => {
    const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toBe('application/manifest+json');
    expect(manifest.json()).toMatchObject({ name: 'Sigap', start_url: '/' });
    const svg = await app.inject({ method: 'GET', url: '/icons/icon.svg' });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    const png = await app.inject({ method: 'GET', url: '/icons/icon-192.png' });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('public, max-age=86400');
    expect((await app.inject({ method: 'GET', url: '/icons/nope.png' })).statusCode).toBe(404);
    expect((await bare.inject({ method: 'GET', url: '/manifest.webmanifest' })).statusCode).toBe(404);
  });

  test('hashed assets are served with a long cache; the API’s paths are never the app', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of [
      '/api/v1/nope',
      '/api',
      '/media',
      '/media/x',
      '/assets/missing.js',
      '/healthz/x',
      '/docs/x/y',
      '/no/such/route',
    ]) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json(), url).toMatchObject({ error: { code: 'not_found' } });
      expect(answer.headers['content-security-policy'], url).toBe(
        "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      );
    }
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/' })).statusCode).toBe(404);
    // the router still refuses a path parameter past its length (no catch-all route takes it)
    const long = await app.inject({ method: 'GET', url: `/api/v1/reports/JK${'1'.repeat(300)}` });
    expect(long.statusCode).toBe(414);
    const feed = await app.inject({ method: 'GET', url: '/api/v1/public/reports' });
    expect(feed.headers['content-security-policy']).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
  });

  test('without a build, / is the API’s 404 as before', async () => {
    const answer = await bare.inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  test('category suggestions: the model’s top three with the city’s labels', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/suggest/category',
      payload: { text: 'Jalan berlubang besar di depan halte, motor sering jatuh' },
    });
    expect(answer.statusCode).toBe(200);
    const { items } = answer.json() as { items: { code: string; label: object; confidence: number }[] };
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0]).toMatchObject({ code: 'jalan', label: { id: 'Jalan rusak / berlubang', en: 'Roads' } });
    for (const bad of [{}, { text: '' }, { text: 'x', extra: 1 }]) {
      const refused = await app.inject({ method: 'POST', url: '/api/v1/suggest/category', payload: bad });
      expect(refused.statusCode, JSON.stringify(bad)).toBe(400);
      expect(refused.json().error.message.id).toBeTruthy();
    }
  });

  test('place suggestions: a GPS point or an address → the kelurahan intake would choose', async () => {
    const suggest = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/suggest/place', payload });
    const monas = await suggest({ lat: -6.1754, lng: 106.8272 });
    expect(monas.json()).toMatchObject({
      found: true,
      how: 'gps',
      kelurahan: { code: '31.71.01.1001', name: 'Gambir' },
      kecamatan: 'Gambir',
    });
    const sea = await suggest({ lat: -5.0, lng: 100.0 });
    expect(sea.json()).toMatchObject({ found: false, how: 'gps', kelurahan: null });
    expect(sea.json().message.en).toMatch(/outside/);
    const address = await suggest({ text: 'Jl. Saharjo, Manggarai' });
    expect(address.json()).toMatchObject({ found: true, how: 'address', kelurahan: { name: 'Manggarai' } });
    const unknown = await suggest({ text: 'di dekat rumah saya' });
    expect(unknown.json()).toMatchObject({ found: false, how: 'address' });
    expect((await suggest({ lat: -6.1 })).statusCode).toBe(400);
    expect((await suggest({ text: 'Manggarai', lat: 1, lng: 2 })).statusCode).toBe(400);
  });

  test('the kota list for filters', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/v1/regions/kota' });
    const codes = (answer.json() as { items: { code: string }[] }).items.map((k) => k.code);
    expect(codes).toEqual(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
  });

  test('suggestions are limited per address: a bilingual 429 with Retry-After past the limit', async () => {
    const ask = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/suggest/place',
        payload: { text: 'Manggarai' },
        remoteAddress,
      });
    for (let i = 0; i < SUGGESTIONS_PER_MINUTE; i++) expect((await ask('10.9.9.9')).statusCode).toBe(200);
    const limited = await ask('10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({
      error: { code: 'rate_limited', message: { id: expect.any(String) } },
    });
    expect((await ask('10.9.9.10')).statusCode).toBe(200); // another address is not affected
  });
});
