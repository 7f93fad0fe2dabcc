import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { DEFAULT_HTTP_OPTIONS } from '../../src/http/http-options.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto, photoForm } from '../support/http.js';
import { signInStaff, STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  screenshot,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The staff console (/staff) in Debian's Chromium at 1366×768, served by the real server: officers work their
// unit's queue, act on a report with the buttons the API allows, a verifier returns then approves, an officer
// of another unit is refused; the verifier's approval reaches the monitoring room live and the citizen's app.
// Every screen is checked with axe-core and saved under test-artefacts/browser/.

const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const LAPTOP = { width: 1366, height: 768 };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANARY = {
  name: 'Kenari Wibisonowati',
  phone: '0813 7777 2222',
  email: 'kenari.canary@contoh.invalid',
  nik: '3171015501900007',
};

describe.skipIf(!HAS_CHROMIUM)('the staff console in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];
  let gambir = '';
  let ticket = '';
  /** the token the citizen's device keeps for the tree report (the web app keeps it in localStorage) */
  let citizenToken = '';
  let otherTicket = '';
  let suggested = '';

  beforeAll(async () => {
    ensureWebBuilt(); // a no-op when web/dist is current
    server = await testServer('embedded', {
      ...DEFAULT_HTTP_OPTIONS,
      signIn: { accountFailures: 2, addressFailures: 50 },
    });
    // the browser keeps the session cookie until its expiry, counted from the server's clock: the real time
    server.ctx.setNow(new Date());
    browser = await launch();
    gambir = server.ctx.city.city.unitByRegion.get('31.71.01.1001')!;
    const add = (username: string, role: 'officer' | 'verifier', unitId: string) =>
      createUser(server.ctx, { username, password: STAFF_PASSWORD, role, unitId, displayName: username });
    await add('lurah.gambir', 'officer', gambir);
    await add('verifikator', 'verifier', server.ctx.city.city.config.verifierUnitId);
    await add('petugas.pln', 'officer', 'pln');
    await add('dikunci', 'officer', gambir);
    // a tree across the road (routed to Gambir with a suggested office) and a broken street light
    const tree = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      form: photoForm(
        {
          payload: JSON.stringify({
            text: `pohon gede tumbang nutupin jalan, dahannya nimpa kabel. Hubungi saya ${CANARY.name} ${CANARY.phone}`,
            ...GAMBIR,
            reporter: CANARY,
            // public: staff see a private report's words but not its photos
            private: false,
          }),
        },
        [await phonePhoto(11)],
      ),
    });
    expect(tree.status, tree.text).toBe(201);
    ticket = tree.body.ticket;
    citizenToken = tree.body.citizenToken;
    const lamp = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'lampu penerangan jalan mati sudah seminggu, gelap sekali di malam hari', ...GAMBIR },
    });
    expect(lamp.status, lamp.text).toBe(201);
    otherTicket = lamp.body.ticket;
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open() {
    const watched = await watchedContext(browser, 'desktop');
    contexts.push(watched);
    const page = await watched.newPage();
    await page.setViewportSize(LAPTOP);
    return { watched, page };
  }

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page
      .getByRole('button', { name: 'Keluar' })
      .waitFor()
      .catch(async (error: unknown) => {
        await screenshot(page, `staff-failed-sign-in-${username}`);
        throw error;
      });
  }

  /** Nothing of a session, a report or a reporter is kept in the browser's storage. */
  async function storageIsClean(page: Page) {
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(kept).not.toMatch(/petugas_|Kenari|0813|kenari\.canary|3171015501900007|Warga-/);
    const cookies = await page.context().cookies();
    expect(cookies.every((c) => c.httpOnly)).toBe(true);
  }

  test('sign-in shows the API’s refusal plainly and explains a lock (429)', async () => {
    const { page, watched } = await open();
    await page.goto(`${server.url}/staff`);
    await page.getByRole('heading', { name: 'Masuk petugas' }).waitFor();
    await checkScreen(page, watched, 'staff-signin');
    await page.getByLabel('Nama pengguna').fill('dikunci');
    await page.getByLabel('Kata sandi').fill('salah-sekali');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/salah/i);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect.poll(() => alert.textContent()).toMatch(/Terlalu banyak percobaan/);
    await expect.poll(() => alert.textContent()).toMatch(/dikunci sementara/);
    await checkScreen(page, watched, 'staff-signin-locked');
  });

  test('an officer signs in, filters the queue and coordinates a report to the suggested office', async () => {
    const { page, watched } = await open();
    await signIn(page, 'lurah.gambir');
    await page.getByRole('heading', { name: /^Antrean / }).waitFor();
    await page.getByRole('link', { name: ticket }).waitFor();
    await page.getByRole('link', { name: otherTicket }).waitFor();
    await checkScreen(page, watched, 'staff-queue');

    // words in the (masked) text narrow the queue to one report
    await page.getByLabel('Cari nomor tiket atau kata').fill('pohon tumbang');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents()).toEqual([ticket]);
    // a filter the API knows: the street light's category leaves only that one
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await page.getByLabel('Kategori').selectOption('penerangan_jalan');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect
      .poll(() => page.getByRole('table').getByRole('link').allTextContents())
      .toEqual([otherTicket]);
    await page.getByLabel('Lewat tenggat').check();
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.getByText('Tidak ada laporan yang cocok').waitFor();
    await checkScreen(page, watched, 'staff-queue-filtered');
    // a whole ticket number opens its report; the keyboard reaches it
    await page.getByRole('button', { name: 'Hapus saringan' }).click();
    await page.getByLabel('Cari nomor tiket atau kata').fill(ticket);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket) }).waitFor();

    // the report: masked words, a pseudonym, why it came here, the buttons the API allows
    const body = await page.locator('main').textContent();
    expect(body).not.toContain(CANARY.name);
    expect(body).not.toContain(CANARY.phone);
    expect(body).toMatch(/Warga-/);
    expect(body).toMatch(/Model kategori membaca laporan ini sebagai .+ dengan keyakinan \d+%/);
    expect(body).toMatch(/Aturan kota: laporan .+ ditangani /);
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, {
      token: await signInStaff(server, 'lurah.api', 'officer', gambir),
    });
    suggested = view.body.suggestedUnit.id;
    const buttons = await page.locator('.staff-action-list button').allTextContents();
    expect(buttons).toContain('Koordinasi');
    expect(buttons).toContain('Proses');
    expect(buttons.length).toBe(view.body.allowedActions.filter((a: string) => a !== 'edit').length);
    await checkScreen(page, watched, 'staff-report');
    await storageIsClean(page);

    // someone else acts first (a colleague starts the work): the officer's Proses is refused with 409, the
    // console says so in plain words and shows the report as it is now
    const colleague = await call(server.url, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: await signInStaff(server, 'lurah.rekan', 'officer', gambir),
      json: { note: 'Sudah dicek ke lokasi oleh rekan' },
    });
    expect(colleague.status, colleague.text).toBe(200);
    await page.getByRole('button', { name: 'Proses', exact: true }).click();
    await page.getByRole('button', { name: 'Kirim: Proses' }).click();
    await page.getByText(/Orang lain bertindak lebih dulu: "Mulai ditindaklanjuti" oleh petugas /).waitFor();
    await page.getByText('Sudah dicek ke lokasi oleh rekan').waitFor();
    await expect.poll(() => page.locator('h1 .status').textContent()).toBe('Proses');
    await checkScreen(page, watched, 'staff-report-conflict');

    // koordinasi to the suggested office: found by name, chosen, sent; the report leaves this unit
    await page.getByRole('button', { name: 'Koordinasi', exact: true }).click();
    await page.getByLabel('Cari unit (nama atau kode)').fill(suggested);
    await page.getByRole('button', { name: 'Cari unit' }).click();
    await page.getByLabel('Unit tujuan').selectOption(suggested);
    await page.getByLabel('Catatan (tidak wajib)').fill('Pohon tumbang, mohon ditangani Suku Dinas');
    await checkScreen(page, watched, 'staff-report-coordinate-form');
    await page.getByRole('button', { name: 'Kirim: Koordinasi' }).click();
    await page.getByText(/Tersimpan: Koordinasi/).waitFor();
    await checkScreen(page, watched, 'staff-report-coordinated');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByText('Anda sudah keluar.').waitFor();
    expect(await page.context().cookies()).toEqual([]);
  });

  test('the responsible office processes and follows up with after photos', async () => {
    await createUser(server.ctx, {
      username: 'sudin.taman',
      password: STAFF_PASSWORD,
      role: 'officer',
      unitId: suggested,
      displayName: 'Petugas Suku Dinas',
    });
    const { page, watched } = await open();
    await signIn(page, 'sudin.taman');
    await page.getByRole('link', { name: ticket }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ticket) }).waitFor();
    await page.getByRole('button', { name: 'Proses', exact: true }).click();
    await page.getByRole('button', { name: 'Kirim: Proses' }).click();
    await page.getByText(/Tersimpan: Proses/).waitFor();
    await page.getByRole('button', { name: 'Tindak lanjut', exact: true }).click();
    await page
      .getByLabel('Apa yang sudah dikerjakan')
      .fill('Pohon dipotong dan diangkut, jalan sudah bersih');
    await page.getByLabel('Foto sesudah (bukti)').setInputFiles([
      { name: 'sesudah-1.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(61) },
      { name: 'sesudah-2.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(62) },
    ]);
    await checkScreen(page, watched, 'staff-report-follow-up-form');
    await page.getByRole('button', { name: 'Kirim: Tindak lanjut' }).click();
    await page.getByText(/Tersimpan: Tindak lanjut/).waitFor();
    await page.getByText('Sesudah (foto bukti)').waitFor();
    expect(await page.getByRole('img', { name: /Foto bukti/ }).count()).toBe(2);
    await checkScreen(page, watched, 'staff-report-followed-up');
  });

  test('the verifier returns the evidence once, then approves it: the monitoring room shows it live, the citizen sees Selesai', async () => {
    // the monitoring room is open on another screen (an administrator, signed in through the API) before the
    // verifier starts; it is never reloaded
    await signInStaff(server, 'pantau.kota', 'admin', 'pemprov');
    const room = await watchedContext(browser, 'laptop');
    contexts.push(room);
    const login = await room.context.request.post(`${server.url}/api/v1/auth/login`, {
      data: { username: 'pantau.kota', password: STAFF_PASSWORD },
    });
    expect(login.status()).toBe(200);
    const monitor = await room.newPage();
    await monitor.goto(`${server.url}/monitor/`);
    await monitor.getByText('Langsung').waitFor();
    const finishedToday = monitor.locator('.mon-tiles').first().locator('dd').nth(1);
    await expect.poll(() => finishedToday.textContent()).toBe('0');
    // a mark on the page's window: gone if the page were reloaded or navigated
    await monitor.evaluate(() => Object.assign(window, { sigapNotReloaded: true }));

    const { page, watched } = await open();
    await signIn(page, 'verifikator');
    await page.getByRole('heading', { name: 'Menunggu validasi' }).waitFor();
    await page.getByRole('link', { name: ticket }).waitFor();
    await checkScreen(page, watched, 'staff-verify-queue');
    await page.getByRole('link', { name: ticket }).click();
    await page.getByText('Sebelum (foto pelapor)').waitFor();
    await page.getByText('Tanda keaslian bukti').waitFor();
    expect(await page.getByRole('img', { name: /Foto 1 laporan/ }).count()).toBe(1);
    await checkScreen(page, watched, 'staff-verify-report');
    await page.getByRole('button', { name: 'Kembalikan', exact: true }).click();
    await page.getByRole('button', { name: 'Kirim: Kembalikan' }).click();
    await page.getByText('Lengkapi isian yang wajib.').waitFor();
    await page.getByLabel('Apa yang kurang dari bukti').fill('Foto belum memperlihatkan kabel yang tertimpa');
    await page.getByRole('button', { name: 'Kirim: Kembalikan' }).click();
    await page.getByText(/Tersimpan: Kembalikan/).waitFor();
    await checkScreen(page, watched, 'staff-verify-returned');

    // the office sends better evidence (over the API), the verifier approves in the console
    const office = await call<Json>(server.url, 'POST', '/api/v1/auth/login', {
      json: { username: 'sudin.taman', password: STAFF_PASSWORD },
    });
    const again = await call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
      token: office.body.token,
      form: photoForm({ note: 'Kabel sudah diperbaiki PLN, foto terlampir' }, [await phonePhoto(71)]),
    });
    expect(again.status, again.text).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Setujui', exact: true }).click();
    await page.getByRole('button', { name: 'Kirim: Setujui' }).click();
    await page.getByText(/Tersimpan: Setujui/).waitFor();
    await expect.poll(() => page.locator('h1 .status').textContent()).toBe('Selesai');
    await checkScreen(page, watched, 'staff-verify-approved');
    await storageIsClean(page);

    // the monitoring room: the approval arrives in its feed without a reload
    const approval = monitor.locator(`.mon-feed li[data-ticket="${ticket}"]`, { hasText: 'Selesai' });
    await approval.waitFor({ timeout: 20_000 });
    expect(await approval.count()).toBe(1);
    expect(await monitor.evaluate(() => (window as { sigapNotReloaded?: boolean }).sigapNotReloaded)).toBe(
      true,
    );
    expect(await monitor.locator('.mon-feed').textContent()).not.toContain(CANARY.name);
    // and today's figures follow (reloaded shortly after a change): one report finished
    await expect.poll(() => finishedToday.textContent(), { timeout: 20_000 }).toBe('1');
    await checkScreen(monitor, room, 'staff-verify-approved-monitor', { settle: false });

    // the citizen who filed it, on the phone that keeps the report's token, reads Selesai
    const phone = await watchedContext(browser, 'mobile');
    contexts.push(phone);
    await phone.context.addInitScript(
      (value) => localStorage.setItem('sigap.myReports', value),
      JSON.stringify([{ ticket, token: citizenToken, filedAt: new Date().toISOString() }]),
    );
    const mine = await phone.newPage();
    await mine.goto(`${server.url}/laporan/${ticket}`);
    await mine.getByText('Selesai', { exact: true }).first().waitFor();
    await mine.getByRole('button', { name: 'Beri nilai penanganan' }).waitFor();
    await checkScreen(mine, phone, 'staff-verify-approved-citizen');
  });

  test('an officer asks for the reporter’s identity, the official approves, the officer sees it briefly', async () => {
    await createUser(server.ctx, {
      username: 'pejabat',
      password: STAFF_PASSWORD,
      role: 'reveal_authority',
      unitId: 'pemprov',
      displayName: 'Pejabat Berwenang',
    });
    const officer = await open();
    await signIn(officer.page, 'sudin.taman');
    await officer.page.goto(`${server.url}/staff/laporan/${ticket}`);
    await officer.page.getByRole('button', { name: 'Minta identitas pelapor' }).click();
    await officer.page
      .getByLabel('Alasan permintaan')
      .fill('Perlu menghubungi pelapor untuk menunjukkan lokasi kabel yang tertimpa pohon');
    await officer.page.getByRole('button', { name: 'Kirim permintaan' }).click();
    await officer.page.getByText('Permintaan terkirim.').waitFor();

    const official = await open();
    await signIn(official.page, 'pejabat');
    await official.page.getByRole('link', { name: 'Identitas pelapor' }).click();
    await official.page.getByRole('heading', { name: 'Permintaan identitas pelapor' }).waitFor();
    await official.page.getByText('Menunggu keputusan').waitFor();
    await checkScreen(official.page, official.watched, 'staff-reveal-decide');
    await official.page.getByRole('button', { name: 'Setujui' }).click();
    await official.page
      .getByText(/^Disetujui|· Disetujui/)
      .first()
      .waitFor();
    expect(await official.page.locator('main').textContent()).not.toContain(CANARY.name);

    await officer.page.getByRole('link', { name: 'Identitas pelapor' }).click();
    await officer.page.getByRole('button', { name: 'Lihat identitas' }).click();
    await officer.page.getByText(CANARY.name).waitFor();
    await checkScreen(officer.page, officer.watched, 'staff-reveal-view');
    await storageIsClean(officer.page);
    await officer.page.getByRole('button', { name: 'Tutup identitas' }).click();
    expect(await officer.page.locator('main').textContent()).not.toContain(CANARY.name);
  });

  test('an officer of another unit cannot open the report (UI and API)', async () => {
    const { page, watched } = await open();
    await signIn(page, 'petugas.pln');
    await page.goto(`${server.url}/staff/laporan/${otherTicket}`);
    await page.getByText(/tidak ditemukan, atau bukan wewenang unit Anda/).waitFor();
    await checkScreen(page, watched, 'staff-report-not-yours');
    const token = await signInStaff(server, 'pln.api', 'officer', 'pln');
    const api = await call(server.url, 'GET', `/api/v1/officer/reports/${otherTicket}`, { token });
    expect(api.status).toBe(404);
  });

  test('a desk officer files a walk-in report for a citizen and prints the receipt', async () => {
    const { page, watched } = await open();
    await signIn(page, 'lurah.gambir');
    await page.getByRole('link', { name: 'Meja layanan' }).click();
    await page.getByRole('heading', { name: /Meja layanan/ }).waitFor();
    await page.getByLabel('Kanal').selectOption('kantor_kelurahan');
    await page
      .getByLabel('Apa masalahnya?')
      .fill('Saluran air di depan kantor kelurahan tersumbat sampah, air meluap');
    await page.getByLabel('Alamat atau patokan').fill('Jl. Tanah Abang I, Gambir');
    await page.getByLabel('Nama', { exact: true }).fill(CANARY.name);
    await page.getByLabel('Nomor telepon').fill(CANARY.phone);
    await page.getByLabel('NIK').fill(CANARY.nik);
    await checkScreen(page, watched, 'staff-desk');
    await page.getByRole('button', { name: 'Catat laporan' }).click();
    await page.getByRole('heading', { name: 'Tanda terima laporan' }).waitFor();
    const deskTicket = (await page.locator('.staff-receipt__ticket').textContent())!;
    expect(deskTicket).toMatch(/^JK\d{10}$/);
    expect(await page.locator('.staff-token').textContent()).toMatch(/^warga_/);
    await checkScreen(page, watched, 'staff-desk-receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Cetak tanda terima' }).isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    await screenshot(page, 'staff-desk-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    await storageIsClean(page);
    // the channel is recorded; the officer's view has a pseudonym, never the citizen's details
    const admin = await signInStaff(server, 'admin.meja', 'admin', 'pemprov');
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${deskTicket}`, {
      token: admin,
    });
    expect(view.status, view.text).toBe(200);
    expect(view.body.channel).toBe('kantor_kelurahan');
    expect(view.text).not.toContain(CANARY.name);
    expect(view.text).not.toContain(CANARY.nik);
  });

  test('a media monitor files a report from a news item: the link is checked, the receipt prints, officers see the source', async () => {
    const { page, watched } = await open();
    await signIn(page, 'lurah.gambir');
    await page.getByRole('link', { name: 'Meja layanan' }).click();
    await page.getByRole('button', { name: 'Dari berita media' }).click();
    await page.getByRole('heading', { name: /laporan dari pemberitaan media/ }).waitFor();
    const url = 'https://metro.koran.example/read/2026/12/07/081234567890/saluran-tersumbat-di-gambir';
    await page.getByLabel('Tautan berita').fill('javascript:alert(document.cookie)');
    await page.getByLabel('Nama media').fill('Koran Contoh');
    await page
      .getByLabel('Masalah yang diberitakan')
      .fill('Koran memberitakan saluran air tersumbat di depan kantor kelurahan, air meluap ke jalan');
    await page.getByLabel('Alamat atau patokan').fill('Kelurahan Gambir, Jakarta Pusat');
    await page.getByLabel('Kategori').selectOption('saluran_air');
    await page.getByRole('button', { name: 'Catat laporan berita' }).click();
    await page.getByText(/Tautan berita harus alamat web lengkap/).waitFor();
    await checkScreen(page, watched, 'staff-desk-media-refused');
    await page.getByLabel('Tautan berita').fill(url);
    await checkScreen(page, watched, 'staff-desk-media');
    await page.getByRole('button', { name: 'Catat laporan berita' }).click();
    await page.getByRole('heading', { name: 'Laporan berita tercatat' }).waitFor();
    const newsTicket = (await page.locator('.staff-receipt__ticket').textContent())!;
    expect(newsTicket).toMatch(/^JK\d{10}$/);
    await checkScreen(page, watched, 'staff-desk-media-receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Cetak tanda terima' }).isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    await screenshot(page, 'staff-desk-media-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    // the officer of the kelurahan it landed at reads where it came from, the link whole
    const row = await server.ctx.store.db
      .selectFrom('report')
      .select(['assigned_unit_id', 'channel', 'identity_id'])
      .where('ticket', '=', newsTicket)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ assigned_unit_id: gambir, channel: 'media_massa', identity_id: null });
    await page.goto(`${server.url}/staff/laporan/${newsTicket}`);
    const link = page.getByRole('link', { name: url });
    await link.waitFor();
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await page.getByText('Koran Contoh', { exact: false }).first().waitFor();
    await checkScreen(page, watched, 'staff-report-from-news');

    // the same article again, shared with tracking: the desk is told its ticket and may file another problem
    await page.getByRole('link', { name: 'Meja layanan' }).click();
    await page.getByRole('button', { name: 'Dari berita media' }).click();
    await page.getByLabel('Tautan berita').fill(`${url}?utm_source=whatsapp`);
    await page.getByLabel('Nama media').fill('Koran Contoh');
    await page
      .getByLabel('Masalah yang diberitakan')
      .fill(
        'Dari berita yang sama: tutup saluran di depan kantor kelurahan patah, berbahaya bagi pejalan kaki',
      );
    await page.getByRole('button', { name: 'Catat laporan berita' }).click();
    await page.getByText(`Berita ini sudah dicatat sebagai ${newsTicket}`).waitFor();
    await checkScreen(page, watched, 'staff-desk-media-filed-before');
    await page.getByRole('button', { name: 'Catat sebagai masalah lain dari berita yang sama' }).click();
    await page.getByRole('heading', { name: 'Laporan berita tercatat' }).waitFor();
    const secondTicket = (await page.locator('.staff-receipt__ticket').textContent())!;
    expect(secondTicket).toMatch(/^JK\d{10}$/);
    expect(secondTicket).not.toBe(newsTicket);
    await storageIsClean(page);
  });

  test('an account an administrator made signs in with its temporary password and must choose its own first', async () => {
    const admin = await signInStaff(server, 'admin.konsol', 'admin', 'crm-triage');
    const made = await call<Json>(server.url, 'POST', '/api/v1/admin/accounts', {
      token: admin,
      json: { username: 'petugas.baru', displayName: 'Petugas Baru', role: 'officer', unitId: gambir },
    });
    expect(made.status, made.text).toBe(201);
    const { page, watched } = await open();
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Nama pengguna').fill('petugas.baru');
    await page.getByLabel('Kata sandi').fill(made.body.temporaryPassword);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilih kata sandi Anda' }).waitFor();
    // no menu, no queue until then
    expect(await page.getByRole('navigation', { name: 'Menu petugas' }).count()).toBe(0);
    await page.getByLabel('Kata sandi sementara').fill(made.body.temporaryPassword);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('sandi baru petugas gambir');
    await page.getByLabel('Ulangi kata sandi baru').fill('sandi baru petugas gambar');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await page.getByText('Kedua isian kata sandi baru tidak sama.').waitFor();
    await checkScreen(page, watched, 'staff-choose-password');
    await page.getByLabel('Ulangi kata sandi baru').fill('sandi baru petugas gambir');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await page.getByRole('link', { name: otherTicket }).waitFor();
    await storageIsClean(page);
    const again = await call<Json>(server.url, 'POST', '/api/v1/auth/login', {
      json: { username: 'petugas.baru', password: 'sandi baru petugas gambir' },
    });
    expect(again.body.user.mustChangePassword).toBeUndefined();
  });

  test('the console at 360 px: one column, nothing wider than the screen', async () => {
    const { page, watched } = await open();
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, 'lurah.gambir');
    await page.getByRole('link', { name: otherTicket }).waitFor();
    await checkScreen(page, watched, 'staff-queue-mobile');
  });
});
