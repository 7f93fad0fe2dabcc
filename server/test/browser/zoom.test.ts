import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import { CHROMIUM, HAS_CHROMIUM, launch, screenshot } from './browser.js';

// Text readable at 200% zoom (WCAG 1.4.4) and content that reflows at 320 CSS pixels (WCAG 1.4.10), in Debian's
// Chromium. Browser zoom shrinks the viewport in CSS pixels by the zoom factor: a 1280×800 laptop at 200% is a
// 640×400 page drawn at twice the pixels, a 360-wide phone at 200% is 180 wide (past WCAG's 320 floor, so the
// phone is checked at 320). On every screen: nothing wider than the window (no sideways scrolling), no text cut
// off by a box too small for it, and a screenshot to look at.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ZOOMED = [
  { name: 'laptop-200', viewport: { width: 640, height: 400 } },
  { name: 'reflow-320', viewport: { width: 320, height: 256 } },
] as const;

/** Elements whose own text is clipped: their content is wider or taller than a box that hides overflow. */
function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const ownText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
      );
      if (!ownText) continue;
      const style = getComputedStyle(el);
      const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
      // visually hidden helpers (skip links, screen-reader text) are 1px boxes on purpose
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
      if (
        (hidesX && el.scrollWidth > el.clientWidth + 1) ||
        (hidesY && el.scrollHeight > el.clientHeight + 1)
      )
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 40)}`);
    }
    return found;
  });
}

/** A context at this zoom, in Jakarta, whose requests may not leave 127.0.0.1 (those that try are listed). */
async function zoomedContext(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 2,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    serviceWorkers: 'block',
  });
  const outbound: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(data|blob):/.test(url) || new URL(url).hostname === '127.0.0.1') return route.continue();
    outbound.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, outbound };
}

/** The screen's page is no wider than the window and none of its text is cut off; a screenshot to look at. */
async function expectFits(page: Page, screen: string, name: string, viewport: { width: number }) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${screen} at ${name}: page width`).toBeLessThanOrEqual(viewport.width);
  expect(await clippedText(page), `${screen} at ${name}: text cut off`).toEqual([]);
  await screenshot(page, `zoom-${screen}-${name}`);
}

describe.skipIf(!HAS_CHROMIUM)('the citizen app and the staff console zoomed to 200% and at 320 px', () => {
  let server: TestServer;
  let browser: Browser;
  let publicTicket = '';

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    browser = await launch();
    const filed = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: {
        text: 'Lampu penerangan jalan di depan sekolah mati sejak seminggu, gelap sekali malam hari',
        lat: -6.1754,
        lng: 106.8272,
        category: 'penerangan_jalan',
        private: false,
      },
    });
    expect(filed.status, filed.text).toBe(201);
    publicTicket = filed.body.ticket;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const SCREENS = [
    ['beranda', '/'],
    ['lapor', '/lapor'],
    ['jakrespons', '/jakrespons'],
    ['cek', '/cek'],
    ['saya', '/saya'],
    ['laporan-publik', 'report'],
  ] as const;

  test.each(ZOOMED)(
    'every screen fits and no text is cut off ($name)',
    async ({ name, viewport }) => {
      expect(CHROMIUM).toBeTruthy();
      const { context, outbound } = await zoomedContext(browser, viewport);
      try {
        const page = await context.newPage();
        for (const [screen, where] of SCREENS) {
          await page.goto(`${server.url}${where === 'report' ? `/laporan/${publicTicket}` : where}`);
          await expectFits(page, screen, name, viewport);
        }
        // the JakRespons map, zoomed too: the map fits and its markers keep their names
        await page.goto(`${server.url}/jakrespons`);
        await page.getByRole('button', { name: 'Peta' }).click();
        await page
          .getByRole('button', { name: /laporan di Gambir/ })
          .first()
          .waitFor();
        await page.waitForLoadState('networkidle');
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `map at ${name}`,
        ).toBeLessThanOrEqual(viewport.width);
        expect(await clippedText(page), `map at ${name}: text cut off`).toEqual([]);
        await screenshot(page, `zoom-jakrespons-peta-${name}`);
        // the detector itself: a box too narrow for its words is found
        await page.evaluate(() => {
          const box = document.createElement('p');
          box.id = 'clip-probe';
          box.style.cssText = 'width: 40px; white-space: nowrap; overflow: hidden';
          box.textContent = 'Teks yang terlalu panjang untuk kotaknya';
          document.body.append(box);
        });
        expect(await clippedText(page)).toEqual([expect.stringContaining('Teks yang terlalu panjang')]);
        expect(outbound, 'requests leaving 127.0.0.1').toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );

  const STAFF_SCREENS = [
    ['staff-antrean', '/staff/antrean'],
    ['staff-laporan', 'report'],
    ['staff-dasbor', '/staff/dasbor'],
    ['staff-identitas', '/staff/identitas'],
    ['staff-meja', '/staff/meja'],
    ['staff-akun', '/staff/admin/akun'],
    ['staff-kota', '/staff/admin/kota'],
    ['staff-pekerjaan', '/staff/admin/pekerjaan'],
  ] as const;

  test.each(ZOOMED)(
    'every staff console screen fits and no text is cut off ($name)',
    async ({ name, viewport }) => {
      // an administrator of the unit the report went to sees every screen, the report's included
      const username = `admin.zoom.${name}`;
      const { assigned_unit_id } = await server.ctx.store.db
        .selectFrom('report')
        .select('assigned_unit_id')
        .where('ticket', '=', publicTicket)
        .executeTakeFirstOrThrow();
      await createUser(server.ctx, {
        username,
        password: STAFF_PASSWORD,
        role: 'admin',
        unitId: assigned_unit_id!,
        displayName: 'Admin Zoom',
      });
      server.ctx.setNow(new Date()); // the session cookie's expiry counts from the server's clock
      const { context, outbound } = await zoomedContext(browser, viewport);
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/staff`);
        await page.getByLabel('Nama pengguna').fill(username);
        await page.getByLabel('Kata sandi').fill(STAFF_PASSWORD);
        await page.getByRole('button', { name: 'Masuk', exact: true }).click();
        await page.getByRole('button', { name: 'Keluar' }).waitFor();
        for (const [screen, where] of STAFF_SCREENS) {
          await page.goto(`${server.url}${where === 'report' ? `/staff/laporan/${publicTicket}` : where}`);
          await expectFits(page, screen, name, viewport);
        }
        expect(outbound, 'requests leaving 127.0.0.1').toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
