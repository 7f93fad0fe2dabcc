import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { STAFF_PASSWORD, signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { checkScreen, HAS_CHROMIUM, launch, type WatchedContext, watchedContext } from './browser.js';

// The staff console's actions not walked through in staff-console.test.ts (EWS, reject, merge, recategorise), the
// outcome shown at once then matched with the server, two officers acting on one report at the same moment (one
// wins, the other is told what happened), the route in sentences, the channel filter and the queue's map.
// Chromium at 1366×768; every screen through checkScreen (axe, width, CSP, no request leaving 127.0.0.1).

const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const LAPTOP = { width: 1366, height: 768 };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!HAS_CHROMIUM)('staff actions, conflicts and the queue map in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let apiToken = '';
  const contexts: WatchedContext[] = [];
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    server.ctx.setNow(new Date());
    browser = await launch();
    const gambir = server.ctx.city.city.unitByRegion.get('31.71.01.1001')!;
    for (const username of ['lurah.satu', 'lurah.dua'])
      await createUser(server.ctx, {
        username,
        password: STAFF_PASSWORD,
        role: 'officer',
        unitId: gambir,
        displayName: username,
      });
    apiToken = await signInStaff(server, 'lurah.api', 'officer', gambir);
    const reports: Record<string, Json> = {
      ews: { text: 'Jalan berlubang dalam di depan halte, motor sering terjatuh', category: 'jalan' },
      reject: { text: 'Trotoar dipakai parkir motor setiap sore sampai malam', category: 'trotoar' },
      duplicate: { text: 'Got mampet di gang sebelah masjid, air meluap', category: 'saluran_air' },
      original: {
        text: 'Saluran air tersumbat sampah dekat masjid, banjir tiap hujan',
        category: 'saluran_air',
      },
      recategorise: { text: 'pohon besar tumbang menutup jalan, dahannya menimpa kabel' },
      race: { text: 'Lampu penerangan jalan mati di tikungan, gelap sekali', category: 'penerangan_jalan' },
      jaki: { text: 'Sampah menumpuk di pinggir jalan tidak diangkut', category: 'sampah', channel: 'jaki' },
    };
    for (const [key, json] of Object.entries(reports)) {
      const reply = await call<Json>(server.url, 'POST', '/api/v1/reports', { json: { ...GAMBIR, ...json } });
      expect(reply.status, reply.text).toBe(201);
      tickets[key] = reply.body.ticket;
    }
    // EWS is for work under way
    const started = await call(server.url, 'POST', `/api/v1/officer/reports/${tickets.ews}/process`, {
      token: apiToken,
      json: {},
    });
    expect(started.status, started.text).toBe(200);
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function signedIn(username: string) {
    const watched = await watchedContext(browser, 'desktop');
    contexts.push(watched);
    const page = await watched.newPage();
    await page.setViewportSize(LAPTOP);
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    return { page, watched };
  }
  async function openReport(page: Page, ticket: string) {
    await page.goto(`${server.url}/staff/laporan/${ticket}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket) }).waitFor();
  }
  const statusShown = (page: Page) => page.locator('h1 .status').textContent();
  /** Holds the page's requests for one action until `release` is called. */
  async function holdAction(page: Page, ticket: string, action: string) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let seen!: () => void;
    const sent = new Promise<void>((resolve) => (seen = resolve));
    await page.route(`**/api/v1/officer/reports/${ticket}/${action}`, async (route: Route) => {
      seen();
      await released;
      await route.continue();
    });
    return { sent, release };
  }

  test('EWS: a new completion date with its reason', async () => {
    const { page, watched } = await signedIn('lurah.satu');
    await openReport(page, tickets.ews!);
    await page.getByRole('button', { name: 'EWS', exact: true }).click();
    const until = new Date(Date.now() + 30 * 86_400_000);
    const local = new Date(until.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
    await page.getByLabel('Selesai paling lambat').fill(local);
    await page.getByLabel('Alasan').fill('Menunggu material aspal dari gudang Dinas');
    await checkScreen(page, watched, 'staff-action-ews-form');
    await page.getByRole('button', { name: 'Kirim: EWS' }).click();
    await page.getByText('Tersimpan: EWS.').waitFor();
    expect(await statusShown(page)).toBe('EWS (Estimasi Waktu Selesai)');
    await page.getByText('Menunggu material aspal dari gudang Dinas').waitFor();
    await checkScreen(page, watched, 'staff-action-ews-done');
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${tickets.ews}`, {
      token: apiToken,
    });
    expect(view.body.status.code).toBe('ews');
    expect(Math.abs(Date.parse(view.body.ewsUntil) - until.getTime())).toBeLessThan(60_000);
  });

  test('reject: the outcome shows at once, then the server’s answer replaces it', async () => {
    const { page, watched } = await signedIn('lurah.satu');
    await openReport(page, tickets.reject!);
    await page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await page.getByRole('button', { name: 'Kirim: Tolak' }).click();
    await page.getByText('Lengkapi isian yang wajib.').waitFor();
    await page.getByLabel('Alasan').fill('Parkir liar ditangani Dinas Perhubungan, bukan kelurahan');
    const held = await holdAction(page, tickets.reject!, 'reject');
    await page.getByRole('button', { name: 'Kirim: Tolak' }).click();
    await held.sent;
    // the server has not answered yet: the console already shows the expected outcome, marked as being saved
    expect(await statusShown(page)).toBe('Ditolak');
    await page.getByText('Sedang disimpan: Tolak').waitFor();
    await page.getByText(/^Menyimpan Tolak…/).waitFor();
    await checkScreen(page, watched, 'staff-action-reject-pending', { settle: false });
    held.release();
    await page.getByText('Tersimpan: Tolak.').waitFor();
    expect(await page.getByText('Sedang disimpan: Tolak').count()).toBe(0);
    await page.getByText('Laporan ditolak', { exact: true }).waitFor();
    expect(await statusShown(page)).toBe('Ditolak');
    await checkScreen(page, watched, 'staff-action-reject-done');
  });

  test('merge: a duplicate joins the open report', async () => {
    const { page, watched } = await signedIn('lurah.satu');
    await openReport(page, tickets.duplicate!);
    await page.getByRole('link', { name: tickets.original! }).waitFor(); // laporan serupa
    await page.getByRole('button', { name: 'Gabungkan', exact: true }).click();
    await page.getByLabel('Nomor tiket laporan yang dituju').fill(tickets.original!.toLowerCase());
    await page.getByLabel('Catatan (tidak wajib)').fill('Saluran yang sama dekat masjid');
    await checkScreen(page, watched, 'staff-action-merge-form');
    await page.getByRole('button', { name: 'Kirim: Gabungkan' }).click();
    await page.getByText('Tersimpan: Gabungkan.').waitFor();
    expect(await statusShown(page)).toBe('Digabung');
    await page.getByText(`→ ${tickets.original}`).waitFor();
    await checkScreen(page, watched, 'staff-action-merge-done');
  });

  test('recategorise: the route is said again in plain words', async () => {
    const { page, watched } = await signedIn('lurah.satu');
    await openReport(page, tickets.recategorise!);
    const why = page.locator('.staff-route-why');
    await expect.poll(() => why.textContent()).toMatch(/^Model kategori membaca laporan ini sebagai /);
    expect(await why.textContent()).toMatch(/dengan keyakinan \d+%\. Lokasinya di Kelurahan Gambir/);
    expect(await why.textContent()).toMatch(/Aturan kota: laporan .+ ditangani .+\./);
    expect(await why.textContent()).not.toMatch(/→|routing\.csv|@/);
    await page.getByRole('button', { name: 'Ubah kategori', exact: true }).click();
    await page.getByLabel('Kategori yang benar').selectOption('listrik');
    await page.getByRole('button', { name: 'Kirim: Ubah kategori' }).click();
    await page.getByText('Tersimpan: Ubah kategori.').waitFor();
    await expect.poll(() => why.textContent()).toMatch(/^Petugas memperbaiki kategorinya dari .+ menjadi /);
    await checkScreen(page, watched, 'staff-action-recategorised');
    // English second: the same sentences in the other language
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => why.textContent()).toMatch(/^An officer corrected its category from .+ to /);
    await page.getByText('Saved: Change category.').waitFor(); // the notice follows the language too
    await checkScreen(page, watched, 'staff-action-recategorised-en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  });

  test('two officers act on one report at the same moment: one wins, the other is told who and what', async () => {
    const one = await signedIn('lurah.satu');
    const two = await signedIn('lurah.dua');
    await openReport(one.page, tickets.race!);
    await openReport(two.page, tickets.race!);
    await one.page.getByRole('button', { name: 'Proses', exact: true }).click();
    await one.page.getByLabel('Catatan (tidak wajib)').fill('Teknisi berangkat sekarang');
    await two.page.getByRole('button', { name: 'Tolak', exact: true }).click();
    await two.page.getByLabel('Alasan').fill('Sudah dilaporkan ke PLN');
    // both sends are held until both have left the browsers, then let go together
    const heldOne = await holdAction(one.page, tickets.race!, 'process');
    const heldTwo = await holdAction(two.page, tickets.race!, 'reject');
    await one.page.getByRole('button', { name: 'Kirim: Proses' }).click();
    await two.page.getByRole('button', { name: 'Kirim: Tolak' }).click();
    await Promise.all([heldOne.sent, heldTwo.sent]);
    expect(await statusShown(one.page)).toBe('Proses');
    expect(await statusShown(two.page)).toBe('Ditolak');
    heldOne.release();
    heldTwo.release();

    const outcome = (page: Page) =>
      Promise.race([
        page
          .getByText(/^Tersimpan: /)
          .waitFor()
          .then(() => 'won' as const),
        page
          .getByText(/^Orang lain bertindak lebih dulu: /)
          .waitFor()
          .then(() => 'lost' as const),
      ]);
    const results = await Promise.all([outcome(one.page), outcome(two.page)]);
    expect([...results].sort()).toEqual(['lost', 'won']);
    const loser = results[0] === 'lost' ? one.page : two.page;
    const winnerStatus = results[0] === 'won' ? 'Proses' : 'Ditolak';
    const winnerEvent = results[0] === 'won' ? 'Mulai ditindaklanjuti' : 'Laporan ditolak';
    const said = await loser.getByText(/^Orang lain bertindak lebih dulu: /).textContent();
    expect(said).toContain(`"${winnerEvent}" oleh petugas Kelurahan Gambir`);
    expect(said).toContain(`Status laporan sekarang: ${winnerStatus}.`);
    expect(said).toContain('Tindakan Anda tidak disimpan.');
    expect(said).toContain('Laporan sudah dimuat ulang');
    // the loser's console shows the report as it is now, with the winner's step in its history
    await expect.poll(() => statusShown(loser)).toBe(winnerStatus);
    await loser.getByText(winnerEvent, { exact: true }).waitFor();
    expect(await loser.getByText(/^Sedang disimpan/).count()).toBe(0);
    await checkScreen(loser, results[0] === 'lost' ? one.watched : two.watched, 'staff-action-conflict');
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${tickets.race}`, {
      token: apiToken,
    });
    expect(view.body.version).toBe(2);
    expect(view.body.history.map((h: Json) => h.type)).toEqual([
      'created',
      winnerStatus === 'Proses' ? 'process_started' : 'rejected',
    ]);
  });

  test('the queue by channel, and on a map: filters applied, a marker opens its report', async () => {
    const { page, watched } = await signedIn('lurah.dua');
    await page.getByRole('heading', { name: /^Antrean / }).waitFor();
    await page.getByLabel('Kanal').selectOption({ label: 'Aplikasi JAKI' });
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect
      .poll(() => page.getByRole('table').getByRole('link').allTextContents())
      .toEqual([tickets.jaki]);

    // the map of the same filtered queue, reached by keyboard
    await page.getByRole('button', { name: 'Peta', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Peta', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const marker = page.getByRole('button', {
      name: new RegExp(`^1 laporan di Gambir: buka ${tickets.jaki} `),
    });
    await marker.waitFor();
    await page.getByText('Peta menampilkan 1 laporan antrean').waitFor();
    await checkScreen(page, watched, 'staff-queue-map-filtered');
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(tickets.jaki!) }).waitFor();

    // back: the map is still the view; without the filter it holds every open report of the unit with a point
    await page.goBack();
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    const queue = await call<Json>(server.url, 'GET', '/api/v1/officer/queue?limit=100', { token: apiToken });
    const located = (queue.body.items as Json[]).filter((i) => i.location).length;
    expect(located).toBeGreaterThan(1);
    await page.getByText(`Peta menampilkan ${located} laporan antrean`).waitFor();
    await checkScreen(page, watched, 'staff-queue-map');
    // the reports share one point: one marker listing them, each a link
    await page.getByRole('button', { name: `${located} laporan di Gambir` }).click();
    await page.locator('.map-popup').getByRole('link', { name: tickets.race! }).waitFor();
    // Leaflet fades a pop-up in: axe would measure the contrast of text half faded
    await expect
      .poll(() => page.locator('.leaflet-popup').evaluate((el) => getComputedStyle(el).opacity))
      .toBe('1');
    await checkScreen(page, watched, 'staff-queue-map-popup');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.getByRole('table').waitFor();
  });
});
