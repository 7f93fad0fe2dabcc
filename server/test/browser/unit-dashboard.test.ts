import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { STATUSES } from '../../src/domain/statuses.js';
import { seedDemo } from '../../src/services/demo/seed-demo.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  screenshot,
  type ViewportName,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The unit dashboard (/staff/dasbor, web/src/staff/Dashboard.tsx) in Debian's Chromium over a generated demo month:
// a demo officer signs in, opens it from the menu; every number on the screen equals what GET /api/v1/kpi/unit
// answers; the officer processes a report in another tab and the dashboard's counts follow by themselves. An
// administrator chooses units (the officer's, and one with no report at all: it must read sensibly). Every screen
// at 1366×768 and 1920×1080 passes axe and is saved under test-artefacts/browser/.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!HAS_CHROMIUM)('the unit dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];
  const passwords = new Map<string, string>();
  let officerUnit = '';
  let emptyUnit = '';
  let waiting = '';

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    // the browser keeps the session cookie only while it has not expired by its own clock: the server's is now
    server.ctx.setNow(new Date());
    browser = await launch();
    const demo = await seedDemo(server.ctx, 200, 14);
    for (const u of demo.users) passwords.set(u.username, u.password);
    const { units } = server.ctx.city.city;
    officerUnit = [...units.values()].find((u) => u.name === demo.users[0]!.unitName)!.id;
    expect(demo.users[0]!.username).toBe('lurah.demo');
    // a kelurahan the demo month never reached: the dashboard of a new unit
    const held = new Set(
      (await server.ctx.store.db.selectFrom('report').select('assigned_unit_id').distinct().execute()).map(
        (r) => r.assigned_unit_id,
      ),
    );
    emptyUnit = [...units.values()].find((u) => u.kind === 'kelurahan' && !held.has(u.id))!.id;
    // a fresh report in the officer's kelurahan, waiting (Menunggu) for the officer to act on
    const region = units.get(officerUnit)!.regionCode!;
    const point = server.ctx.city.locator.centroidOf(region)!;
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Sampah menumpuk di depan pos RW, sudah tiga hari', ...point, category: 'sampah' },
    });
    expect(created.status, created.text).toBe(201);
    waiting = created.body.ticket;
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: ViewportName) {
    const watched = await watchedContext(browser, viewport);
    contexts.push(watched);
    const page = await watched.newPage();
    return { watched, page };
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
  }

  /** The figures the API gives this browser's session (its cookie), for the unit shown. */
  async function apiFigures(page: Page, unit?: string): Promise<Json> {
    const answer = await page.request.get(
      `${server.url}/api/v1/kpi/unit${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`,
    );
    expect(answer.status()).toBe(200);
    return (await answer.json()) as Json;
  }

  const shownCount = (page: Page, status: string) =>
    page.locator(`.dash-stat[data-status="${status}"] .dash-stat__n`).textContent();
  const id = (n: number) => n.toLocaleString('id-ID');
  const pct = (share: number | null) => (share === null ? 'belum ada' : `${Math.round(share * 100)}%`);

  /** Every count, share and the ranking on the screen against the API's answer (Indonesian formatting). */
  async function expectScreenMatches(page: Page, figures: Json) {
    await page.getByRole('heading', { level: 1, name: `Dasbor ${figures.unit.name}` }).waitFor();
    for (const status of STATUSES) {
      const want = figures.statusCounts.find((s: Json) => s.status === status);
      await expect.poll(() => shownCount(page, status), { timeout: 10_000 }).toBe(id(want.reports));
    }
    const cell = (row: string, period: string) =>
      page.locator(`[data-testid="dash-week-table"] tr[data-row="${row}"] td[data-period="${period}"]`);
    for (const period of ['thisWeek', 'lastWeek', 'last30Days']) {
      const p = figures[period];
      expect(await cell('received', period).textContent()).toBe(id(p.received));
      expect(await cell('resolved', period).textContent()).toBe(id(p.resolved));
      expect(await cell('breached', period).textContent()).toBe(id(p.breached));
      expect(await cell('slaCompliance', period).textContent()).toBe(pct(p.slaCompliance));
      expect(await cell('responseCompliance', period).textContent()).toBe(pct(p.responseCompliance));
      expect(await cell('solvedShare', period).textContent()).toBe(pct(p.solvedShare));
      if (p.medianResolveSeconds === null)
        expect(await cell('medianResolve', period).textContent()).toBe('belum ada');
    }
    const rank = await page.getByTestId('dash-rank').textContent();
    if (figures.ranking.position === null) expect(rank).toMatch(/^Belum ada peringkat/);
    else expect(rank).toContain(`Peringkat ${figures.ranking.position} dari ${figures.ranking.of} `);
    // the chart's table holds the API's days (this week's days still to come read "—")
    const rows = await page.locator('[data-testid="dash-daily-table"] tbody tr').all();
    expect(rows).toHaveLength(7);
    for (let i = 0; i < 7; i++) {
      const cells = await rows[i]!.locator('td').allTextContents();
      const last = figures.daily[i];
      const now = figures.daily[i + 7];
      expect(cells).toEqual([
        now ? id(now.received) : '—',
        id(last.received),
        now ? id(now.resolved) : '—',
        id(last.resolved),
      ]);
    }
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|null|Infinity/);
  }

  test('a demo officer opens it from the menu; it shows the API’s numbers and follows an action live', async () => {
    const { watched, page } = await open('laptop');
    await signIn(page, 'lurah.demo', passwords.get('lurah.demo')!);
    // the keyboard reaches the menu item
    await page.getByRole('link', { name: 'Dasbor unit' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.dash-chart canvas').first().waitFor();
    const before = await apiFigures(page);
    expect(before.unit.id).toBe(officerUnit);
    expect(before.statusCounts.find((s: Json) => s.status === 'menunggu').reports).toBeGreaterThan(0);
    await expectScreenMatches(page, before);
    expect(await page.getByRole('link', { name: 'Dasbor unit' }).getAttribute('aria-current')).toBe('page');
    // an officer sees no unit chooser
    expect(await page.getByLabel('Lihat unit lain').count()).toBe(0);
    await checkScreen(page, watched, 'staff-dashboard-1366x768', { settle: false });
    // the chart's numbers, shown on request by keyboard
    const toggle = page.getByRole('button', { name: 'Tampilkan angka grafik' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(
      await page.getByRole('button', { name: 'Sembunyikan angka grafik' }).getAttribute('aria-expanded'),
    ).toBe('true');
    await page.getByTestId('dash-daily-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-dashboard-1366x768-table');

    // in another tab the officer processes the waiting report; the dashboard follows without a reload
    const other = await watched.newPage();
    await other.goto(`${server.url}/staff/laporan/${waiting}`);
    await other.getByRole('button', { name: 'Proses', exact: true }).click();
    await other.getByRole('button', { name: 'Kirim: Proses' }).click();
    await other.getByText(/Tersimpan: Proses/).waitFor();
    const count = (f: Json, status: string) => f.statusCounts.find((s: Json) => s.status === status).reports;
    await expect
      .poll(() => shownCount(page, 'menunggu'), { timeout: 20_000 })
      .toBe(id(count(before, 'menunggu') - 1));
    const after = await apiFigures(page);
    expect(count(after, 'menunggu')).toBe(count(before, 'menunggu') - 1);
    expect(count(after, 'proses')).toBe(count(before, 'proses') + 1);
    await expectScreenMatches(page, after);
    await checkScreen(page, watched, 'staff-dashboard-after-action', { settle: false });
    // a phone: one column, the tables scroll inside their panels, nothing wider than the screen
    await page.setViewportSize({ width: 360, height: 740 });
    await checkScreen(page, watched, 'staff-dashboard-360', { settle: false });
  });

  test('an administrator chooses units at 1920×1080; a unit with no reports reads sensibly', async () => {
    const { watched, page } = await open('wall');
    await signIn(page, 'admin.demo', passwords.get('admin.demo')!);
    await page.getByRole('link', { name: 'Dasbor unit' }).click();
    await page.getByLabel('Lihat unit lain').waitFor();
    const officerName = server.ctx.city.city.units.get(officerUnit)!.name;
    await page.getByLabel('Lihat unit lain').fill(officerName.replace(/^Kelurahan /, ''));
    await page.getByRole('button', { name: 'Cari unit' }).click();
    await page.getByLabel('Unit yang ditampilkan').selectOption(officerUnit);
    await page.getByRole('heading', { level: 1, name: `Dasbor ${officerName}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe(officerUnit);
    await page.locator('.dash-chart canvas').first().waitFor();
    await expectScreenMatches(page, await apiFigures(page, officerUnit));
    await checkScreen(page, watched, 'staff-dashboard-1920x1080', { settle: false });

    // a unit with no report at all (opened from its address, as a shared link would)
    await page.goto(`${server.url}/staff/dasbor?unit=${emptyUnit}`);
    const empty = await apiFigures(page, emptyUnit);
    await expectScreenMatches(page, empty);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Unit ini belum memegang laporan apa pun');
    expect(text).toContain('Belum ada peringkat');
    expect(text).toContain('belum ada');
    await checkScreen(page, watched, 'staff-dashboard-empty', { settle: false });
    await page.setViewportSize({ width: 1366, height: 768 });
    await checkScreen(page, watched, 'staff-dashboard-empty-1366x768', { settle: false });

    // English second: the same screen in the other language, nothing untranslated
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /^Dashboard: / }).waitFor();
    expect(await page.locator('main').textContent()).toContain('No ranking yet');
    expect(await page.locator('main').textContent()).not.toMatch(/dashboard\.|kinds\./);
    await checkScreen(page, watched, 'staff-dashboard-empty-en', { settle: false });
  });

  test('an officer of a unit may not open another unit’s dashboard', async () => {
    await createUser(server.ctx, {
      username: 'lurah.lain',
      password: STAFF_PASSWORD,
      role: 'officer',
      unitId: emptyUnit,
      displayName: 'Petugas lain',
    });
    const { watched, page } = await open('laptop');
    await signIn(page, 'lurah.lain', STAFF_PASSWORD);
    await page.goto(`${server.url}/staff/dasbor?unit=${officerUnit}`);
    // the address is ignored for those who may not choose: their own (empty) unit is shown
    const own = await apiFigures(page);
    expect(own.unit.id).toBe(emptyUnit);
    await expectScreenMatches(page, own);
    const refused = await page.request.get(`${server.url}/api/v1/kpi/unit?unit=${officerUnit}`);
    expect(refused.status()).toBe(403);
    await checkScreen(page, watched, 'staff-dashboard-new-officer', { settle: false });
  });
});
