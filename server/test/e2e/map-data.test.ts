import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/config-error.js';
import { mapTilesOf } from '../../src/http/map-tiles.js';
import { fromCheckoutRoot } from '../../src/install-paths.js';
import { call } from '../support/http.js';
import { type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const KELURAHAN_FILE = fromCheckoutRoot('data', 'jakarta', 'boundaries', 'kelurahan.geojson');

// What the web app's maps and cascading filters read: the city's outlines made compact, its regions by parent,
// the map settings, and JakRespons narrowed to a kecamatan or a kelurahan.
describe('the map data over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer('embedded', { intakePerMinute: 0, webRoot: null });
  });
  afterAll(() => server?.close());

  test('the kelurahan outlines: every region, simplified, gzipped, cached, with an ETag', async () => {
    const raw = readFileSync(KELURAHAN_FILE);
    const plain = await fetch(`${server.url}/api/v1/regions/boundaries?level=kelurahan`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=86400');
    const text = await plain.text();
    const outlines = JSON.parse(text) as Json;
    const source = JSON.parse(raw.toString('utf8')) as Json;
    expect(outlines.type).toBe('FeatureCollection');
    expect(outlines.features.map((f: Json) => f.properties.code).sort()).toEqual(
      source.features.map((f: Json) => f.properties.kode).sort(),
    );
    const gambir = outlines.features.find((f: Json) => f.properties.code === '31.71.01.1001');
    expect(gambir.properties).toEqual({
      code: '31.71.01.1001',
      name: 'Gambir',
      label: [expect.closeTo(106.83, 1), expect.closeTo(-6.18, 1)],
    });
    expect(['Polygon', 'MultiPolygon']).toContain(gambir.geometry.type);
    // five decimals at most (the city's file has fifteen): little more than half its size before gzip
    expect(text).not.toMatch(/\d\.\d{6,}/);
    expect(text.length).toBeLessThan(raw.length * 0.6);

    // a client that accepts gzip gets the same text compressed (node's fetch would unpack it: ask raw)
    const zipped = await call(server.url, 'GET', '/api/v1/regions/boundaries');
    expect(zipped.status).toBe(200);
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const viaGzip = await new Promise<Buffer>((resolve, reject) => {
      get(
        `${server.url}/api/v1/regions/boundaries?level=kelurahan`,
        { headers: { 'accept-encoding': 'gzip, deflate' } },
        (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          expect(res.headers.vary).toContain('accept-encoding');
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
        },
      ).on('error', reject);
    });
    expect(gunzipSync(viaGzip).toString('utf8')).toBe(text);
    expect(viaGzip.length).toBeLessThan(100 * 1024); // measured: 74 KB for Jakarta's 267 kelurahan

    // asked again with the ETag: 304, nothing sent
    const again = await fetch(`${server.url}/api/v1/regions/boundaries?level=kelurahan`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('kota and kecamatan outlines; an unknown level is a bilingual 400', async () => {
    for (const level of ['kota', 'kecamatan']) {
      const answer = await call<Json>(server.url, 'GET', `/api/v1/regions/boundaries?level=${level}`);
      expect(answer.status, level).toBe(200);
      expect(answer.body.features.length).toBeGreaterThan(0);
    }
    const bad = await call<Json>(server.url, 'GET', '/api/v1/regions/boundaries?level=rt');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.id).toBeTruthy();
    expect(bad.body.error.message.en).toBeTruthy();
  });

  test('regions by parent, for cascading filters: kota → kecamatan → kelurahan; an unknown one is a 404', async () => {
    const kota = await call<Json>(server.url, 'GET', '/api/v1/regions');
    expect(kota.body.level).toBe('kota');
    expect(kota.body.items).toContainEqual({ code: '31.71', name: expect.stringMatching(/Jakarta Pusat/) });
    const kecamatan = await call<Json>(server.url, 'GET', '/api/v1/regions?parent=31.71');
    expect(kecamatan.body.level).toBe('kecamatan');
    expect(kecamatan.body.items).toContainEqual({ code: '31.71.01', name: 'Gambir' });
    expect(kecamatan.body.items.every((r: Json) => r.code.startsWith('31.71.'))).toBe(true);
    const kelurahan = await call<Json>(server.url, 'GET', '/api/v1/regions?parent=31.71.01');
    expect(kelurahan.body.level).toBe('kelurahan');
    expect(kelurahan.body.items.map((r: Json) => r.name)).toContain('Petojo Selatan');

    const unknown = await call<Json>(server.url, 'GET', '/api/v1/regions?parent=31.99');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message.id).toContain('31.99');
    const malformed = await call<Json>(server.url, 'GET', '/api/v1/regions?parent=31.71.01.1001');
    expect(malformed.status).toBe(400);
  });

  test('any parent or level: a region list, or a bilingual 4xx; never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.stringMatching(/^[0-9]{2}(\.[0-9]{2}){0,2}$/),
          fc.constantFrom('31', '31.71', '31.71.01', '31.71.01.1001', '32.73'),
        ),
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('kelurahan', 'kecamatan', 'kota')),
        async (parent, level) => {
          for (const path of [
            `/api/v1/regions?parent=${encodeURIComponent(parent)}`,
            `/api/v1/regions/boundaries?level=${encodeURIComponent(level)}`,
          ]) {
            const answer = await fetch(`${server.url}${path}`, {
              headers: { 'accept-encoding': 'identity' },
            });
            expect([200, 400, 404], path).toContain(answer.status);
            if (answer.status !== 200) {
              const body = (await answer.json()) as Json;
              expect(body.error.message.id, path).toBeTruthy();
              expect(body.error.message.en, path).toBeTruthy();
            } else await answer.arrayBuffer();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('the map settings: the city’s extent, and no tile server unless one is configured', async () => {
    const map = await call<Json>(server.url, 'GET', '/api/v1/map');
    expect(map.status).toBe(200);
    expect(map.body.tiles).toBeNull();
    const [west, south, east, north] = map.body.bounds;
    // Jakarta, Kepulauan Seribu included
    expect(west).toBeLessThan(106.7);
    expect(east).toBeGreaterThan(106.9);
    expect(south).toBeLessThan(-6.3);
    expect(north).toBeGreaterThan(-5.5);
    // the first view: the mainland, without the Thousand Islands far to the north
    const [hw, hs, he, hn] = map.body.home;
    expect(hn).toBeLessThan(-6.05);
    expect(hs).toBeGreaterThan(-6.4);
    expect(hw).toBeGreaterThan(106.65);
    expect(he).toBeLessThan(107.0);
    expect(hn - hs).toBeGreaterThan(0.15);
  });
});

describe('a tile server as a setting', () => {
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'sigap-web-root-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Sigap</title>');
  });
  afterAll(() => rm(webRoot, { recursive: true, force: true }));

  test('SIGAP_MAP_TILES_URL is checked, and its host is the only one the page may load images from', async () => {
    expect(mapTilesOf({})).toBeNull();
    const tiles = mapTilesOf({
      SIGAP_MAP_TILES_URL: 'https://ubin.contoh.go.id/osm/{z}/{x}/{y}.png',
      SIGAP_MAP_TILES_ATTRIBUTION: '© kontributor OpenStreetMap',
    });
    expect(tiles).toEqual({
      url: 'https://ubin.contoh.go.id/osm/{z}/{x}/{y}.png',
      origin: 'https://ubin.contoh.go.id',
      attribution: '© kontributor OpenStreetMap',
      maxZoom: 19,
    });
    for (const env of [
      { SIGAP_MAP_TILES_URL: 'ftp://x/{z}/{x}/{y}.png', SIGAP_MAP_TILES_ATTRIBUTION: 'a' },
      { SIGAP_MAP_TILES_URL: 'https://x/{z}/{x}.png', SIGAP_MAP_TILES_ATTRIBUTION: 'a' },
      { SIGAP_MAP_TILES_URL: 'https://{s}.x/{z}/{x}/{y}.png', SIGAP_MAP_TILES_ATTRIBUTION: 'a' },
      { SIGAP_MAP_TILES_URL: 'https://x/{z}/{x}/{y}.png' },
      {
        SIGAP_MAP_TILES_URL: 'https://x/{z}/{x}/{y}.png',
        SIGAP_MAP_TILES_ATTRIBUTION: 'a',
        SIGAP_MAP_TILES_MAX_ZOOM: '30',
      },
    ]) {
      let error: unknown = null;
      try {
        mapTilesOf(env);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).text.id).toMatch(/SIGAP_MAP_TILES/);
    }

    const server = await testServer('embedded', { intakePerMinute: 0, webRoot, mapTiles: tiles });
    try {
      const map = await call<Json>(server.url, 'GET', '/api/v1/map');
      expect(map.body.tiles).toEqual({
        url: 'https://ubin.contoh.go.id/osm/{z}/{x}/{y}.png',
        attribution: '© kontributor OpenStreetMap',
        maxZoom: 19,
      });
      const page = await fetch(`${server.url}/jakrespons`);
      const csp = String(page.headers.get('content-security-policy'));
      expect(csp).toContain("img-src 'self' blob: https://ubin.contoh.go.id");
      expect(csp).toContain("connect-src 'self'");
    } finally {
      await server.close();
    }
  });
});

describe.each(testEngines())('JakRespons narrowed to a kecamatan or a kelurahan, on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer(engine, { intakePerMinute: 0, webRoot: null });
  });
  afterAll(() => server?.close());

  test('the narrowest region given applies', async () => {
    const file = async (lat: number, lng: number) => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: {
          text: 'Lampu jalan mati sejak kemarin malam',
          lat,
          lng,
          category: 'penerangan_jalan',
          private: false,
        },
      });
      expect(created.status, created.text).toBe(201);
      return created.body.ticket as string;
    };
    const gambir = await file(-6.1754, 106.8272); // Gambir, kecamatan Gambir
    const petojo = await file(-6.1754, 106.815); // Petojo Selatan, kecamatan Gambir
    const kebonSirih = await file(-6.185, 106.8272); // Kebon Sirih, kecamatan Menteng
    const feed = async (query: string) => {
      const answer = await call<Json>(server.url, 'GET', `/api/v1/public/reports?limit=100&${query}`);
      expect(answer.status, answer.text).toBe(200);
      return answer.body.items.map((i: Json) => i.ticket).sort();
    };
    expect(await feed('kota=31.71')).toEqual([gambir, petojo, kebonSirih].sort());
    expect(await feed('kecamatan=31.71.01')).toEqual([gambir, petojo].sort());
    expect(await feed('kota=31.71&kecamatan=31.71.01&kelurahan=31.71.01.1004')).toEqual([petojo]);
    expect(await feed('kelurahan=31.71.06.1005')).toEqual([kebonSirih]);
    expect(await feed('kelurahan=31.72.01.1001')).toEqual([]);
    const bad = await call<Json>(server.url, 'GET', '/api/v1/public/reports?kelurahan=31.71.01');
    expect(bad.status).toBe(400);
  });
});
