import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import {
  type CliServer,
  createUserWithCli,
  exited,
  randomPort,
  startCli,
  untilReady,
} from '../support/cli-server.js';
import { call } from '../support/http.js';
import { STAFF_PASSWORD } from '../support/test-app.js';
import { createPostgresDatabase } from '../support/test-store.js';
import { checkScreen, HAS_CHROMIUM, launch, type WatchedContext, watchedContext } from './browser.js';

// Two real `sigap start` processes on one PostgreSQL database (as a deployment behind a load balancer): the
// monitoring room in Chromium is connected to process B; a report and an officer's action made through process
// A's HTTP API appear on it live, without a reload (PostgreSQL LISTEN/NOTIFY carries them between processes).

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const GAMBIR = { lat: -6.1754, lng: 106.8272 }; // Kelurahan Gambir

const PG_URL = process.env.SIGAP_TEST_PG_URL;
if (!PG_URL)
  console.warn(
    'live-two-processes: skipped, it needs PostgreSQL (set SIGAP_TEST_PG_URL=postgres://…; the embedded engine ' +
      'runs one process only) / dilewati, butuh PostgreSQL (isi SIGAP_TEST_PG_URL)',
  );

describe.runIf(HAS_CHROMIUM && PG_URL)('the monitoring room on one process, changes made on another', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let a: CliServer;
  let b: CliServer;
  let urlA = '';
  let urlB = '';
  let browser: Browser;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt(); // both processes serve web/dist
    database = await createPostgresDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-live-browser-'));
    const env = {
      DATABASE_URL: database.url,
      SIGAP_DATA_DIR: dataDir,
      SIGAP_DEMO: 'off',
      SIGAP_WORKERS: '1',
    };
    expect(await createUserWithCli(env, 'pantau.kota', 'admin', 'pemprov', STAFF_PASSWORD)).toBe(0);
    expect(await createUserWithCli(env, 'lurah.gambir', 'officer', 'kel-3171011001', STAFF_PASSWORD)).toBe(0);
    const portA = randomPort();
    const portB = portA + 1;
    // one after the other, as in test/e2e/live-updates.test.ts: two first starts at once race on start-up work
    a = startCli({ ...env, PORT: String(portA) });
    await untilReady(portA, a);
    b = startCli({ ...env, PORT: String(portB) });
    await untilReady(portB, b);
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    browser = await launch();
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    for (const server of [a, b]) server?.child.kill('SIGTERM');
    await Promise.all([a, b].map((s) => (s ? exited(s.child) : null)));
    await database?.drop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  test('a report and an officer’s action made through process A appear live on the room served by process B', async () => {
    const room = await watchedContext(browser, 'laptop');
    contexts.push(room);
    const login = await room.context.request.post(`${urlB}/api/v1/auth/login`, {
      data: { username: 'pantau.kota', password: STAFF_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const page = await room.newPage();
    // every request of the page, to show it talks to process B only
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).origin));
    await page.goto(`${urlB}/monitor/`);
    await page.getByText('Langsung').waitFor();
    const receivedToday = page.locator('.mon-tiles').first().locator('dd').first();
    await expect.poll(() => receivedToday.textContent()).toBe('0');
    // a mark on the page's window: gone if the page were reloaded or navigated
    await page.evaluate(() => Object.assign(window, { sigapNotReloaded: true }));

    const created = await call<Json>(urlA, 'POST', '/api/v1/reports', {
      json: { text: 'Sampah menumpuk di depan pasar, sudah tiga hari', ...GAMBIR, category: 'sampah' },
    });
    expect(created.status, created.text).toBe(201);
    const ticket = created.body.ticket as string;
    const item = page.locator(`.mon-feed li[data-ticket="${ticket}"]`);
    // 'Masuk': the feed's word for a new report
    await item.filter({ hasText: 'Masuk' }).waitFor({ timeout: 20_000 });

    const officer = await call<Json>(urlA, 'POST', '/api/v1/auth/login', {
      json: { username: 'lurah.gambir', password: STAFF_PASSWORD },
    });
    expect(officer.status, officer.text).toBe(200);
    const acted = await call(urlA, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: officer.body.token,
      json: { note: 'Truk sampah dijadwalkan sore ini' },
    });
    expect(acted.status, acted.text).toBe(200);
    await item
      .filter({ hasText: 'Status berubah' })
      .filter({ hasText: 'Proses' })
      .waitFor({ timeout: 20_000 });
    expect(await item.count()).toBe(2);
    // the figures follow (reloaded from process B shortly after a change)
    await expect.poll(() => receivedToday.textContent(), { timeout: 20_000 }).toBe('1');

    expect(await page.evaluate(() => (window as { sigapNotReloaded?: boolean }).sigapNotReloaded)).toBe(true);
    expect(new Set(requested)).toEqual(new Set([urlB]));
    await checkScreen(page, room, 'monitor-live-two-processes', { settle: false });
  });
});
