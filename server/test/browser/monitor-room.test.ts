import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { submit } from '../../src/services/intake/intake.js';
import { call } from '../support/http.js';
import { signInStaff, STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  screenshot,
  type ViewportName,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The monitoring room (/monitor/, web/src/monitor/) in Debian's Chromium: signed in through the API (the session
// cookie), it shows the city's figures, the map, the league tables and charts, and a report made through the API
// appears in its live feed without a reload; it says when the connection drops and when it is back.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PLACES = [
  { lat: -6.1754, lng: 106.8272 }, // Gambir
  { lat: -6.1963, lng: 106.8329 }, // Menteng
  { lat: -6.3346, lng: 106.8242 }, // Jagakarsa
  { lat: -6.1352, lng: 106.8133 }, // Penjaringan
];

describe.skipIf(!HAS_CHROMIUM)('the monitoring room in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    // the browser keeps the session cookie only while it has not expired by its own clock: the server's is now
    server.ctx.setNow(new Date());
    browser = await launch();
    await signInStaff(server, 'pantau.kota', 'admin', 'pemprov');
    await signInStaff(server, 'lurah.gambir', 'officer', 'kel-3171011001');
    const categories = ['sampah', 'jalan', 'banjir', 'pohon', 'penerangan_jalan'];
    for (let i = 0; i < 14; i++) {
      const r = await call(server.url, 'POST', '/api/v1/reports', {
        json: { text: `Laporan uji ruang pantau ${i}`, ...PLACES[i % 4]!, category: categories[i % 5] },
      });
      expect(r.status, r.text).toBe(201);
    }
    // two e-mail reports: the first one's ticket reached the citizen 12 minutes after intake, the second one's
    // has been failing for two hours
    const now = server.ctx.now();
    for (const [i, delivered] of [true, false].entries()) {
      const { ticket } = await submit(server.ctx, {
        channel: 'email',
        externalId: `<pantau-${i}@contoh.example>`,
        sender: { kind: 'email', value: `warga${i}@contoh.example` },
        raw: null,
        report: { text: `Laporan surel ruang pantau ${i} di Gambir`, private: true },
        uploads: [],
        citizenToken: null,
      });
      const report = await server.ctx.store.db
        .selectFrom('report')
        .select(['id', 'created_at'])
        .where('ticket', '=', ticket)
        .executeTakeFirstOrThrow();
      await server.ctx.store.db
        .insertInto('citizen_notification')
        .values({
          id: randomUUID(),
          report_id: report.id,
          event_seq: 1,
          kind: 'received',
          status: 'menunggu',
          created_at: new Date(now.getTime() - 2 * 3_600_000),
          delivered_at: delivered ? new Date(new Date(report.created_at).getTime() + 12 * 60_000) : null,
        })
        .execute();
    }
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: ViewportName, username: string | null) {
    const watched = await watchedContext(browser, viewport);
    contexts.push(watched);
    if (username) {
      const login = await watched.context.request.post(`${server.url}/api/v1/auth/login`, {
        data: { username, password: STAFF_PASSWORD },
      });
      expect(login.status()).toBe(200);
    }
    const page = await watched.newPage();
    await page.goto(`${server.url}/monitor/`);
    return { watched, page };
  }

  test('not signed in: a clear way to sign in, in both languages', async () => {
    const { watched, page } = await open('laptop', null);
    await page.getByRole('link', { name: 'Masuk ke konsol petugas' }).waitFor();
    expect(await page.getByRole('link', { name: 'Masuk ke konsol petugas' }).getAttribute('href')).toBe(
      '/staff/?next=/monitor/',
    );
    await checkScreen(page, watched, 'monitor-signed-out', { settle: false });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Sign in to the staff console' }).waitFor();
    // an officer of a unit is told the city is not theirs to see
    const officer = await open('laptop', 'lurah.gambir');
    await officer.page.getByText(/tidak berwenang melihat seluruh kota|may not see the whole city/).waitFor();
  });

  test('signed in: figures, map, leagues and charts; a report made through the API appears live; drops and returns', async () => {
    const { watched, page } = await open('wall', 'pantau.kota');
    await page.getByText('Langsung').waitFor();
    await page.locator('.mon-map svg path').first().waitFor();
    expect(await page.locator('.mon-map svg path').count()).toBeGreaterThan(200);
    await page.locator('.mon-trend canvas').first().waitFor();
    const received = await page.locator('.mon-tiles').first().locator('dd').first().textContent();
    expect(Number(received)).toBe(16);
    // per channel: the e-mail's time to first reply and its failed send
    await page.getByText('balasan pertama rata-rata 12 menit · 1 pesan gagal terkirim').waitFor();
    // channels by their names in city.json, in the reader's language
    const channelNames = await page.locator('.mon-bars .mon-bar-label').allTextContents();
    expect(channelNames).toContain('Surel');
    expect(channelNames).not.toContain('email');

    // an officer's action and a new report, both through the API, show in the feed without a reload
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Pohon tumbang menutup jalan', ...PLACES[0]!, category: 'pohon' },
    });
    expect(created.status).toBe(201);
    const ticket = created.body.ticket as string;
    await page.locator(`.mon-feed li[data-ticket="${ticket}"]`).waitFor({ timeout: 20_000 });
    // the category by its name, the day as Indonesian writes it
    expect(await page.locator(`.mon-feed li[data-ticket="${ticket}"]`).textContent()).toContain(
      'Pohon (tumbang, perlu pangkas)',
    );
    expect(await page.locator('.mon-tiles').first().locator('h2').textContent()).toMatch(
      /^Hari ini · \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/i,
    );
    // the figures follow (reloaded shortly after a change)
    await expect
      .poll(async () => page.locator('.mon-tiles').first().locator('dd').first().textContent(), {
        timeout: 20_000,
      })
      .toBe('17');
    await page.getByText('Melewati SLA').click();
    expect(await page.getByRole('radio', { name: 'Melewati SLA' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Laporan terbuka' }).check();
    await checkScreen(page, watched, 'monitor-1920x1080', { settle: false });

    // the connection drops (the server cuts it while the browser is offline): the screen says so, keeps what it
    // shows, and comes back by itself
    await watched.context.setOffline(true);
    server.http!.closeAllConnections();
    await page.getByText('Terputus — menyambung kembali…').waitFor({ timeout: 20_000 });
    await screenshot(page, 'monitor-disconnected');
    await watched.context.setOffline(false);
    await page.getByText('Tersambung kembali').waitFor({ timeout: 30_000 });
    const later = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Sampah menumpuk setelah sambungan kembali', ...PLACES[1]!, category: 'sampah' },
    });
    await page.locator(`.mon-feed li[data-ticket="${later.body.ticket}"]`).waitFor({ timeout: 20_000 });
  });

  test('fits a 1366×768 laptop and a 360 px phone', async () => {
    for (const [viewport, name] of [
      ['laptop', 'monitor-1366x768'],
      ['mobile', 'monitor-360'],
    ] as const) {
      const { watched, page } = await open(viewport, 'pantau.kota');
      await page.locator('.mon-map svg path').first().waitFor();
      await page.locator('.mon-trend canvas').first().waitFor();
      await checkScreen(page, watched, name, { settle: false });
    }
  });

  test('the wall screen’s own account: signs in from the room’s link, returns to it, and the console offers nothing else', async () => {
    await signInStaff(server, 'layar.dinding', 'monitor', 'pemprov');
    const { watched, page } = await open('wall', null);
    await page.getByRole('link', { name: 'Masuk ke konsol petugas' }).click();
    await page.getByLabel('Nama pengguna').fill('layar.dinding');
    await page.getByLabel('Kata sandi').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // back in the room, live, with the city's figures
    await page.waitForURL(`${server.url}/monitor/`);
    await page.getByText('Langsung').waitFor();
    await page.locator('.mon-map svg path').first().waitFor();
    await checkScreen(page, watched, 'monitor-wall-account', { settle: false });
    // the console: no menu, one way back to the room; the API refuses the queue
    await page.goto(`${server.url}/staff/`);
    await page.getByRole('heading', { name: 'Akun ruang pantau', level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Menu petugas' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Buka ruang pantau' }).getAttribute('href')).toBe(
      '/monitor/',
    );
    await checkScreen(page, watched, 'staff-monitor-account');
    const queue = await page.evaluate(async () => (await fetch('/api/v1/officer/queue')).status);
    expect(queue).toBe(403);
  });
});
