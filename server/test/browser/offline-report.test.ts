import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { call, phonePhoto } from '../support/http.js';
import { type TestServer, testServer } from '../support/test-app.js';
import {
  HAS_CHROMIUM,
  launch,
  screenshot,
  seriousViolations,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// A report written without a connection waits on the device (IndexedDB) and is sent once when the connection
// returns, under the Idempotency-Key of its first try. In Debian's Chromium against the real server.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!HAS_CHROMIUM)('reports written offline', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open() {
    const watched = await watchedContext(browser, 'mobile');
    contexts.push(watched);
    const page = await watched.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { watched, page };
  }

  async function reportsWithText(text: string): Promise<number> {
    const row = await server.ctx.store.db
      .selectFrom('report')
      .where('text', '=', text)
      .select(server.ctx.store.db.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function fillReport(page: Page, text: string, seed: number) {
    await page.getByRole('link', { name: /Laporkan masalah/ }).click();
    await page.getByLabel('Apa masalahnya?').fill(text);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page
      .getByTestId('photo-gallery')
      .setInputFiles({ name: 'banjir.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(seed) });
    await page.getByRole('img', { name: 'Foto yang dipilih' }).waitFor();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('checkbox', { name: /tanpa nama/ }).check();
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
  }

  /** The reports this device keeps (ticket and token), as the app stored them. */
  async function kept(page: Page): Promise<{ ticket: string; token: string }[]> {
    return JSON.parse((await page.evaluate(() => localStorage.getItem('sigap.myReports'))) ?? '[]');
  }

  test('offline, the report waits on the device; when the connection returns it is sent exactly once', async () => {
    const { page, watched } = await open();
    const text = 'Genangan air setinggi lutut di depan sekolah, belum surut sejak pagi';
    await watched.context.setOffline(true);
    await fillReport(page, text, 11);

    const card = page.getByTestId('waiting-report');
    await card.waitFor();
    expect(await card.textContent()).toContain('Menunggu koneksi');
    expect(await card.textContent()).toContain(text.slice(0, 40));
    expect(await card.textContent()).toContain('dengan foto');
    expect(await reportsWithText(text)).toBe(0);
    expect(await seriousViolations(page), 'axe on the waiting card').toEqual([]);
    expect(watched.problems).toEqual([]);
    await screenshot(page, 'offline-waiting-mobile');

    await watched.context.setOffline(false);
    const link = page.getByRole('link', { name: /^JK\d{10,}$/ });
    await link.waitFor();
    await card.waitFor({ state: 'detached' });
    const ticket = (await link.textContent())!.trim();
    expect(await reportsWithText(text)).toBe(1);
    const mine = await kept(page);
    expect(mine.map((r) => r.ticket)).toEqual([ticket]);
    const filed = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token: mine[0]!.token });
    expect(filed.body).toMatchObject({ audience: 'citizen', text, anonymous: true });
    expect(filed.body.attachments).toHaveLength(1);
    await page.getByText('Menunggu koneksi').waitFor({ state: 'detached' });
    await screenshot(page, 'offline-sent-mobile');
  });

  test('a send whose answer was lost is sent again under the same key and makes one report', async () => {
    const { page, watched } = await open();
    const text = 'Lampu jalan padam sepanjang gang, gelap sekali pada malam hari';
    const keys: string[] = [];
    let lose = true;
    await page.route('**/api/v1/reports', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!lose) return route.fallback();
      lose = false;
      const answer = await route.fetch(); // the server files the report; its answer never arrives
      expect(answer.status()).toBe(201);
      return route.abort('connectionreset');
    });
    await fillReport(page, text, 12);

    const card = page.getByTestId('waiting-report');
    await card.waitFor();
    expect(await reportsWithText(text)).toBe(1);
    await page.getByRole('button', { name: 'Coba kirim sekarang' }).click();
    const link = page.getByRole('link', { name: /^JK\d{10,}$/ });
    await link.waitFor();
    await card.waitFor({ state: 'detached' });

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[0]).toMatch(/^web-[0-9a-f]{32}$/);
    expect(await reportsWithText(text)).toBe(1);
    expect((await kept(page)).map((r) => r.ticket)).toEqual([(await link.textContent())!.trim()]);
    expect(watched.problems).toEqual([]);
  });

  test('a waiting report the server refuses (a 4xx) shows why, and can be edited and sent or discarded', async () => {
    const { page, watched } = await open();
    const text = 'Sampah menumpuk di pinggir kali dekat jembatan, baunya sampai ke rumah warga';
    await watched.context.setOffline(true);
    await fillReport(page, text, 13);
    const card = page.getByTestId('waiting-report');
    await card.waitFor();

    // the server's answer to the queued send is a refusal in its own error shape
    const refusal = { id: 'Laporan ini ditolak untuk uji', en: 'This report was refused for the test' };
    await page.route('**/api/v1/reports', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 422,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'refused_for_test', message: refusal } }),
          })
        : route.fallback(),
    );
    await watched.context.setOffline(false);
    await card.getByRole('alert').getByText(refusal.id).waitFor();
    expect(await card.textContent()).toContain('Belum terkirim');
    expect(await reportsWithText(text)).toBe(0);
    expect(await seriousViolations(page), 'axe on the refused card').toEqual([]);
    await screenshot(page, 'offline-refused-mobile');
    // refused means not sent again by itself, even when asked to send what waits
    expect(await card.getByRole('button', { name: 'Coba kirim sekarang' }).count()).toBe(0);

    await page.unroute('**/api/v1/reports');
    await card.getByRole('button', { name: 'Ubah laporan' }).click();
    const textBox = page.getByLabel('Apa masalahnya?');
    await expect.poll(() => textBox.inputValue()).toBe(text);
    await textBox.fill(`${text}, mohon segera diangkut`);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('img', { name: 'Foto yang dipilih' }).waitFor(); // the photo came back with it
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.getByRole('checkbox', { name: /tanpa nama/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByTestId('ticket').waitFor();
    expect(await reportsWithText(`${text}, mohon segera diangkut`)).toBe(1);

    await page.getByRole('link', { name: 'Laporan saya', exact: true }).first().click();
    await page.getByRole('link', { name: /^JK\d{10,}$/ }).waitFor();
    expect(await page.getByTestId('waiting-report').count()).toBe(0);

    // discarding: a report that waits is gone from the device once the citizen confirms
    await watched.context.setOffline(true);
    await page.getByRole('link', { name: 'Sigap' }).click();
    await fillReport(page, 'Pohon tumbang menutup separuh jalan, belum ada petugas datang', 14);
    await card.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Buang' }).click();
    await card.waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: /^JK\d{10,}$/ }).count()).toBe(1);
    expect(watched.problems).toEqual([]);
  });

  test('once opened, the app opens again without a connection (the service worker keeps its shell)', async () => {
    const watched = await watchedContext(browser, 'mobile', { serviceWorkers: 'allow' });
    contexts.push(watched);
    const page = await watched.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    await watched.context.setOffline(true);
    await page.goto(`${server.url}/saya`);
    await page.getByRole('heading', { level: 1, name: 'Laporan saya' }).waitFor();
    // the API is never kept: offline, a request to it fails rather than answering from a cache
    const api = await page.evaluate(() =>
      fetch('/api/v1/regions/kota').then(
        (r) => r.status,
        () => 'no connection',
      ),
    );
    expect(api).toBe('no connection');
    expect(watched.problems).toEqual([]);
    await screenshot(page, 'offline-app-opens-mobile');
  });
});
