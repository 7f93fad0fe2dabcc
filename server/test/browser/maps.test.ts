import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { mapTilesOf } from '../../src/http/map-tiles.js';
import { call } from '../support/http.js';
import { type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  screenshot,
  seriousViolations,
  type ViewportName,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The citizen app's maps in Debian's Chromium: JakRespons on a map (clusters, filters, links to the reports' pages,
// no identity) and the report's location step (an emulated GPS fix, then the pin dragged into the next kelurahan).
// The maps draw the city's outlines from this server; every request leaving 127.0.0.1 is aborted and fails the test.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANARY = {
  name: 'Kenari Wibisonowati',
  phone: '0813 7777 2222',
  email: 'kenari.canary@contoh.invalid',
  nik: '3171015501900007',
};

/** Web Mercator: a latitude's pixel row at a zoom (Leaflet's default projection, 256 px tiles). */
const mercatorY = (lat: number, zoom: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  return (256 * 2 ** zoom * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI))) as number;
};
/** web/src/map/PinMap.tsx PIN_ZOOM */
const PIN_ZOOM = 16;

// Gambir, ~50 m north of its border with Kebon Sirih (kecamatan Menteng) along this meridian; the pin goes to a
// point ~170 m south, inside Kebon Sirih (both checked against data/jakarta/boundaries/kelurahan.geojson).
const GPS = { latitude: -6.1828, longitude: 106.8272, accuracy: 25 };
const TARGET = { lat: -6.1843, lng: 106.8272 };

describe.skipIf(!HAS_CHROMIUM)('the maps in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];
  const tickets: Record<string, string[]> = {};
  let canaryTicket = '';

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded', { intakePerMinute: 0 });
    browser = await launch();
    // public reports in four kelurahan: three in Gambir, two in Petojo Selatan (both kecamatan Gambir), one in
    // Kebon Sirih, one in Jakarta Selatan; the canary's identity is in one of Gambir's
    const file = async (where: string, lat: number, lng: number, extra: Json = {}) => {
      const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
        json: { text: 'Lampu jalan mati, gelap sekali di malam hari', lat, lng, private: false, ...extra },
      });
      expect(created.status, created.text).toBe(201);
      (tickets[where] ??= []).push(created.body.ticket);
      return created.body.ticket as string;
    };
    await file('gambir', -6.1754, 106.8272, { category: 'penerangan_jalan' });
    await file('gambir', -6.176, 106.828, { category: 'sampah' });
    canaryTicket = await file('gambir', -6.177, 106.826, {
      category: 'sampah',
      text: `Sampah menumpuk sudah seminggu, hubungi ${CANARY.name} di ${CANARY.phone}`,
      reporter: CANARY,
    });
    await file('petojo', -6.1754, 106.815, { category: 'penerangan_jalan' });
    await file('petojo', -6.176, 106.816, { category: 'jalan' });
    await file('kebonSirih', -6.185, 106.8272, { category: 'jalan' });
    await file('selatan', -6.2615, 106.8106, { category: 'banjir' });
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: ViewportName, geolocation?: typeof GPS) {
    const watched = await watchedContext(browser, viewport, { geolocation, origin: server.url });
    contexts.push(watched);
    return { watched, page: await watched.newPage() };
  }

  const neverShowsIdentity = async (page: Page, where: string) => {
    const seen = `${await page.content()}\n${await page.evaluate(() => document.body.innerText)}`;
    for (const secret of [CANARY.name, 'Kenari', CANARY.phone, '7777', CANARY.email, CANARY.nik])
      expect(seen.includes(secret), `${where} shows ${secret}`).toBe(false);
  };

  /** The counts on the map's markers, as shown. */
  const markerCounts = async (page: Page) =>
    (await page.locator('.map-count').allTextContents()).map(Number).sort((a, b) => a - b);

  test.each(['mobile', 'desktop'] as const)(
    'JakRespons on a map: clusters, a place’s reports linked, cascading filters, no identity (%s)',
    async (viewport) => {
      const { page, watched } = await open(viewport);
      await page.goto(`${server.url}/jakrespons`);
      await page.getByText(canaryTicket).waitFor();
      // the map and its library are not part of the first load
      const scripts = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()!),
      );
      expect(scripts.some((s) => /^base-map-.*\.js$/.test(s))).toBe(false);

      await page.getByRole('button', { name: 'Peta' }).click();
      expect(await page.getByRole('button', { name: 'Peta' }).getAttribute('aria-pressed')).toBe('true');
      const map = page.getByRole('region', { name: 'Peta laporan JakRespons' });
      await map.waitFor();
      await page.getByText('Peta menampilkan 7 laporan yang sudah dimuat.', { exact: false }).waitFor();
      await page.locator('.map-count').first().waitFor();
      // the base layer: the kelurahan outlines from this server, drawn on one canvas; no tile asked for
      expect(await page.locator('.leaflet-tile').count()).toBe(0);
      expect(await page.locator('canvas.leaflet-zoom-animated').count()).toBe(1);
      // fitted to the reports: Jakarta Pusat's five reports close together are one cluster at this zoom
      const first = await markerCounts(page);
      expect(first.reduce((a, b) => a + b, 0)).toBe(7);
      expect(Math.max(...first)).toBeGreaterThan(1);
      expect(await page.locator('.map-count--cluster').count()).toBeGreaterThan(0);
      await neverShowsIdentity(page, 'the JakRespons map');
      await checkScreen(page, watched, `jakrespons-map-${viewport}`);

      // a cluster zooms in until its places stand apart: Gambir's three, Petojo Selatan's two
      for (let i = 0; i < 6 && (await page.locator('.map-count--cluster').count()) > 0; i++) {
        const before = await markerCounts(page);
        await page.locator('.map-count--cluster').first().click();
        await page.waitForFunction(
          (old) =>
            JSON.stringify([...document.querySelectorAll('.map-count')].map((e) => e.textContent)) !== old,
          JSON.stringify(before.map(String)),
        );
        await page.waitForTimeout(400); // Leaflet's zoom animation ends; markers are redrawn on moveend
      }
      const gambirPlace = page.getByRole('button', { name: '3 laporan di Gambir' });
      await gambirPlace.waitFor();
      // a place: its reports, each a link to its public page, with the redacted text
      await gambirPlace.click();
      const popup = page.locator('.map-popup');
      await popup.waitFor();
      for (const ticket of tickets.gambir!) await popup.getByRole('link', { name: ticket }).waitFor();
      await neverShowsIdentity(page, 'a place’s pop-up');
      expect(await popup.innerText()).toContain('[disamarkan]');
      // Leaflet fades a pop-up in: contrast is measured once it is fully shown, as a person would read it
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1',
      );
      await checkScreen(page, watched, `jakrespons-map-place-${viewport}`);
      await popup.getByRole('link', { name: canaryTicket }).click();
      await page.waitForURL(`**/laporan/${canaryTicket}`);
      await page.getByText('Tampilan publik').waitFor();
      await neverShowsIdentity(page, 'the report page opened from the map');

      // cascading filters: the kelurahan list is Gambir's once its kecamatan is chosen
      await page.goto(`${server.url}/jakrespons`);
      await page.getByRole('button', { name: 'Peta' }).click();
      await page.locator('.map-count').first().waitFor();
      if (viewport === 'mobile') await page.getByText('Saring laporan').click();
      expect(await page.getByLabel('Kecamatan').isDisabled()).toBe(true);
      await page.getByLabel('Kota', { exact: true }).selectOption('31.71');
      await page
        .getByLabel('Kecamatan')
        .locator('option', { hasText: 'Gambir' })
        .waitFor({ state: 'attached' });
      await page.getByLabel('Kecamatan').selectOption('31.71.01');
      await page
        .getByLabel('Kelurahan')
        .locator('option', { hasText: 'Petojo Selatan' })
        .waitFor({ state: 'attached' });
      const kelurahanOptions = await page.getByLabel('Kelurahan').locator('option').allTextContents();
      expect(kelurahanOptions).toContain('Gambir');
      expect(kelurahanOptions).not.toContain('Kebon Sirih');
      await page.getByLabel('Kelurahan').selectOption('31.71.01.1004');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.getByText('Peta menampilkan 2 laporan yang sudah dimuat.', { exact: false }).waitFor();
      await page.getByRole('button', { name: '2 laporan di Petojo Selatan' }).waitFor();
      expect(await markerCounts(page)).toEqual([2]);
      await checkScreen(page, watched, `jakrespons-map-filtered-${viewport}`);

      // the kecamatan alone: Gambir's and Petojo Selatan's; the category narrows it again
      await page.getByLabel('Kelurahan').selectOption('');
      await page.getByLabel('Jenis masalah').selectOption('sampah');
      await page.getByRole('button', { name: 'Tampilkan' }).click();
      await page.getByText('Peta menampilkan 2 laporan yang sudah dimuat.', { exact: false }).waitFor();
      await page.getByRole('button', { name: '2 laporan di Gambir' }).waitFor();

      // the list view shows the same reports
      await page.getByRole('button', { name: 'Daftar' }).click();
      await page.getByRole('link', { name: new RegExp(canaryTicket) }).waitFor();
      expect(await page.locator('.list > li').count()).toBe(2);
    },
  );

  test('a report placed by an emulated GPS fix, then its pin dragged into the next kelurahan', async () => {
    const { page, watched } = await open('mobile', GPS);
    await page.goto(`${server.url}/lapor`);
    await page
      .getByLabel('Apa masalahnya?')
      .fill('Trotoar amblas dan berlubang dalam, pejalan kaki terpaksa turun');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    await page.getByText('Ditemukan: Kelurahan Gambir').waitFor();
    await page.getByText('Ketepatan sekitar 25 meter').waitFor();
    const map = page.getByRole('region', { name: 'Peta lokasi masalah' });
    await map.waitFor();
    const pin = page.getByRole('button', { name: /^Pin lokasi masalah/ });
    await pin.waitFor();
    // the accuracy circle: 25 m is ~10 px across at the pin's zoom, drawn on the map's canvas with the outlines
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    await pin.scrollIntoViewIfNeeded();
    await checkScreen(page, watched, 'lapor-2-map-gps-mobile');

    // drag the pin by the pixels between the fix and the target at the pin's zoom
    const box = (await pin.boundingBox())!;
    const dy = mercatorY(TARGET.lat, PIN_ZOOM) - mercatorY(GPS.latitude, PIN_ZOOM);
    expect(dy).toBeGreaterThan(50);
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x, from.y + dy / 2, { steps: 5 });
    await page.mouse.move(from.x, from.y + dy, { steps: 5 });
    await page.mouse.up();
    await page.getByText('Ditemukan: Kelurahan Kebon Sirih').waitFor();
    await page.getByText('Pin sudah dipindah.', { exact: false }).waitFor();
    await checkScreen(page, watched, 'lapor-2-map-pin-moved-mobile');

    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const shown = page.getByTestId('ticket');
    await shown.waitFor();
    const ticket = (await shown.textContent())!.trim();
    const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('sigap.myReports'))) ?? '[]');
    const filed = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token: kept[0].token });
    expect(filed.body.kelurahan).toMatchObject({ code: '31.71.06.1005', name: 'Kebon Sirih' });
    // where the pin was left: within a pixel or two (~2.4 m each) of the target
    expect(Math.abs(filed.body.location.lat - TARGET.lat)).toBeLessThan(0.00005);
    expect(Math.abs(filed.body.location.lng - TARGET.lng)).toBeLessThan(0.00005);
  });

  test('without GPS the pin is placed on the map, with the keyboard alone', async () => {
    const { page, watched } = await open('mobile');
    await page.goto(`${server.url}/lapor`);
    await page.getByLabel('Apa masalahnya?').fill('Pohon tumbang menutup separuh jalan');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Pilih di peta' }).click();
    const pin = page.getByRole('button', { name: /^Pin lokasi masalah/ });
    await pin.waitFor();
    // the pin starts in the middle of the city's mainland, and the kelurahan there is found
    await page.getByText(/^Ditemukan: Kelurahan /).waitFor();
    const before = await page.getByText(/^Ditemukan: Kelurahan /).textContent();
    await pin.focus();
    // a few steps south-east: another kelurahan (the arrows move the pin, not the map)
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((old) => {
      const found = [...document.querySelectorAll('.notice')].find((n) =>
        /^Ditemukan: /.test(n.textContent ?? ''),
      );
      return found !== undefined && found.textContent !== old;
    }, before);
    expect(await pin.evaluate((e) => e === document.activeElement)).toBe(true);
    await checkScreen(page, watched, 'lapor-2-map-keyboard-mobile');
    await page.getByRole('button', { name: 'Tutup peta' }).click();
    await page.getByLabel('Atau tulis alamat / nama tempat').waitFor();
  });

  test('the app is installable: its manifest, icons and theme colour', async () => {
    const { page } = await open('mobile');
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const found = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!;
      const manifest = await (await fetch(link.href)).json();
      const icons = await Promise.all(
        manifest.icons.map(async (icon: { src: string; sizes: string; type: string }) => {
          const answer = await fetch(icon.src);
          const image = await createImageBitmap(await answer.blob()).catch(() => null);
          return {
            ...icon,
            status: answer.status,
            type: answer.headers.get('content-type'),
            width: image?.width,
          };
        }),
      );
      const theme = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]')!.content;
      const header = getComputedStyle(document.querySelector('.app-header')!).backgroundColor;
      return { manifest, icons, theme, header };
    });
    expect(found.manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone', lang: 'id' });
    expect(found.manifest.theme_color).toBe(found.theme);
    expect(found.header).toBe('rgb(11, 79, 138)'); // #0b4f8a: the bar under the phone's status bar matches
    for (const icon of found.icons) expect(icon.status, icon.src).toBe(200);
    const png = (size: number) => found.icons.find((i: Json) => i.sizes === `${size}x${size}`);
    expect(png(192)).toMatchObject({ type: 'image/png', width: 192 });
    expect(png(512)).toMatchObject({ type: 'image/png', width: 512 });
    expect(found.icons.some((i: Json) => i.purpose === 'maskable')).toBe(true);
  });
});

// A tile server as a deployment would set it: a second local server (the only other host the page may load
// images from), so that nothing leaves the machine while the tile layer is really drawn.
describe.skipIf(!HAS_CHROMIUM)('a map with a tile server set', () => {
  let server: TestServer;
  let tiles: Server;
  let tileUrl = '';
  const asked: string[] = [];
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    const png = await sharp({
      create: { width: 256, height: 256, channels: 3, background: { r: 230, g: 238, b: 222 } },
    })
      .png()
      .toBuffer();
    tiles = createServer((request, response) => {
      asked.push(request.url ?? '');
      if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const port = (tiles.address() as AddressInfo).port;
    tileUrl = `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`;
    server = await testServer('embedded', {
      intakePerMinute: 0,
      mapTiles: mapTilesOf({
        SIGAP_MAP_TILES_URL: tileUrl,
        SIGAP_MAP_TILES_ATTRIBUTION: '© Ubin Uji <script>alert(1)</script>',
      }),
    });
    browser = await launch();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => tiles?.close(resolve));
  });

  test('the tiles are drawn under the outlines, from that host only, with its credit as plain text', async () => {
    const watched = await watchedContext(browser, 'mobile');
    const page = await watched.newPage();
    await page.goto(`${server.url}/jakrespons`);
    await page.getByRole('button', { name: 'Peta' }).click();
    await page.getByRole('region', { name: 'Peta laporan JakRespons' }).waitFor();
    await page.locator('img.leaflet-tile-loaded').first().waitFor();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((url) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);
    const credit = page.locator('.leaflet-control-attribution');
    expect(await credit.textContent()).toBe('© Ubin Uji <script>alert(1)</script>');
    expect(await credit.locator('script').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'axe on the map with tiles').toEqual([]);
    expect(watched.problems, 'CSP violations or page errors').toEqual([]);
    // the tile host is 127.0.0.1 as well: the guard lets it through, and nothing else left
    expect(watched.outbound).toEqual([]);
    await screenshot(page, 'jakrespons-map-tiles-mobile');
  });
});
