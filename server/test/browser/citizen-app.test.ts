import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { call, phonePhoto, photoForm } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  type ViewportName,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The citizen web app (web/) in Debian's Chromium, served by the real server as `npm start` serves it. Every
// request leaving 127.0.0.1 is aborted and fails the test; every screen is checked with axe-core and saved as a
// screenshot under test-artefacts/browser/.

const MONAS = { latitude: -6.1754, longitude: 106.8272, accuracy: 25 };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CANARY = {
  name: 'Kenari Wibisonowati',
  phone: '0813 7777 2222',
  email: 'kenari.canary@contoh.invalid',
  nik: '3171015501900007',
};

describe.skipIf(!HAS_CHROMIUM)('the citizen web app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt(); // a no-op when web/dist is current
    server = await testServer('embedded');
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: ViewportName, geolocation?: typeof MONAS) {
    const watched = await watchedContext(browser, viewport, { geolocation, origin: server.url });
    contexts.push(watched);
    return { watched, page: await watched.newPage() };
  }

  async function staff(username: string, role: 'officer' | 'verifier', unitId: string) {
    return signInStaff(server, username, role, unitId);
  }

  let ticket = '';
  let citizenToken = '';
  let citizen: { watched: WatchedContext; page: Page };

  test('a citizen files a report with a photo and their GPS position and gets a ticket', async () => {
    citizen = await open('mobile', MONAS);
    const { page, watched } = citizen;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkScreen(page, watched, 'home-mobile');

    await page.getByRole('link', { name: /Laporkan masalah/ }).click();
    await page.getByLabel('Apa masalahnya?').fill('Jalan berlubang besar di depan halte, motor sering jatuh');
    // the category the server's model suggests while the citizen types
    const suggestion = page.getByRole('button', { name: 'Jalan rusak / berlubang' });
    await suggestion.click();
    expect(await suggestion.getAttribute('aria-pressed')).toBe('true');
    await checkScreen(page, watched, 'lapor-1-text-mobile');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    // checked on the phone before any upload: a file that is not a photo is refused there
    await page
      .getByTestId('photo-gallery')
      .setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan foto') });
    await page
      .getByText('Berkas ini bukan foto (JPG, PNG, WebP) atau video (MP4, MOV, WebM, 3GP).')
      .waitFor();
    await page
      .getByTestId('photo-gallery')
      .setInputFiles({ name: 'lubang.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(7) });
    expect(
      await page
        .getByText('Berkas ini bukan foto (JPG, PNG, WebP) atau video (MP4, MOV, WebM, 3GP).')
        .count(),
    ).toBe(0);
    await page.getByRole('img', { name: 'Foto yang dipilih' }).waitFor();
    await page.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    await page.getByText('Ditemukan: Kelurahan Gambir').waitFor();
    await checkScreen(page, watched, 'lapor-2-photo-place-mobile');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    // private by default; the reporter gives a name and phone
    expect(await page.getByRole('radio', { name: /Rahasia/ }).isChecked()).toBe(true);
    await page.getByLabel('Nama', { exact: true }).fill('Budi Santoso');
    await page.getByLabel('Nomor telepon', { exact: true }).fill('0812 3456 7890');
    await checkScreen(page, watched, 'lapor-3-send-mobile');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();

    const shown = page.getByTestId('ticket');
    await shown.waitFor();
    ticket = (await shown.textContent())!.trim();
    expect(ticket).toMatch(/^JK\d{10,}$/);
    await checkScreen(page, watched, 'lapor-done-mobile');

    const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('sigap.myReports'))) ?? '[]');
    expect(kept).toHaveLength(1);
    expect(kept[0].ticket).toBe(ticket);
    citizenToken = kept[0].token;
    const filed = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(filed.body).toMatchObject({
      audience: 'citizen',
      channel: 'web',
      private: true,
      category: { code: 'jalan' },
      kelurahan: { code: '31.71.01.1001' },
      location: { lat: MONAS.latitude, lng: MONAS.longitude },
    });
    expect(filed.body.attachments).toHaveLength(1);
  });

  test('the citizen sees a status change an officer made through the API, then rates after Selesai', async () => {
    expect(ticket).not.toBe('');
    const { page, watched } = citizen;
    const mine = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    const lurah = await staff('lurah-web', 'officer', mine.body.unit.id);
    const processed = await call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: lurah,
      json: { note: 'Tim perbaikan jalan dijadwalkan besok pagi' },
    });
    expect(processed.status, processed.text).toBe(200);

    await page.getByRole('link', { name: 'Laporan saya' }).click();
    await page.getByText('Proses', { exact: true }).waitFor();
    await checkScreen(page, watched, 'saya-mobile');

    await page.getByRole('link', { name: ticket }).click();
    await page.getByText('Tim perbaikan jalan dijadwalkan besok pagi').waitFor();
    await checkScreen(page, watched, 'laporan-proses-mobile');

    // the office follows up with evidence, the verifier approves: Selesai
    const followed = await call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
      token: lurah,
      form: photoForm({ note: 'Lubang sudah ditambal' }, [await phonePhoto(31)]),
    });
    expect(followed.status, followed.text).toBe(200);
    const verifier = await staff('verif-web', 'verifier', server.ctx.city.city.config.verifierUnitId);
    const approved = await call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/approve`, {
      token: verifier,
      json: {},
    });
    expect(approved.body.status?.code, approved.text).toBe('selesai');

    await page.reload();
    await page.getByText('Selesai', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Beri nilai penanganan' }).click();
    await page.getByRole('button', { name: '4 dari 5' }).click();
    await page.getByLabel('Komentar (boleh dikosongkan)').fill('Cepat, terima kasih');
    await checkScreen(page, watched, 'laporan-nilai-mobile');
    await page.getByRole('button', { name: 'Kirim nilai' }).click();
    await page.getByText('Nilai Anda: 4 dari 5').first().waitFor();
    expect(await page.getByRole('button', { name: 'Buka kembali laporan' }).isVisible()).toBe(true);
    await checkScreen(page, watched, 'laporan-selesai-mobile');

    const rated = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(rated.body).toMatchObject({ rating: 4, ratingComment: 'Cepat, terima kasih' });

    // and reopens it: the hole came back
    await page.getByRole('button', { name: 'Buka kembali laporan' }).click();
    await page.getByLabel('Mengapa belum selesai?').fill('Lubangnya muncul lagi setelah hujan');
    await page.getByRole('button', { name: 'Buka kembali', exact: true }).click();
    await page.getByText('Menunggu', { exact: true }).first().waitFor();
    await page.getByText('Lubangnya muncul lagi setelah hujan').waitFor();
    const reopened = await call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, {
      token: citizenToken,
    });
    expect(reopened.body).toMatchObject({ status: { code: 'menunggu' }, reopenCount: 1 });
  });

  test('while Menunggu the citizen edits the text, then withdraws the report', async () => {
    const filed = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Lampu jalan mati di gang', lat: MONAS.latitude, lng: MONAS.longitude },
    });
    const kept = [
      { ticket: filed.body.ticket, token: filed.body.citizenToken, filedAt: new Date().toISOString() },
    ];
    const { page, watched } = await open('mobile');
    await watched.context.addInitScript(
      (value) => localStorage.setItem('sigap.myReports', value),
      JSON.stringify(kept),
    );
    await page.goto(`${server.url}/laporan/${filed.body.ticket}`);
    await page.getByRole('button', { name: 'Ubah laporan' }).click();
    await page.getByLabel('Laporan Anda').fill('Lampu jalan mati di Gang Mawar sejak Senin');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Lampu jalan mati di Gang Mawar sejak Senin').first().waitFor();
    await page.getByRole('button', { name: 'Cabut laporan' }).click();
    await page.getByLabel('Alasan (boleh dikosongkan)').fill('Sudah diperbaiki warga');
    await checkScreen(page, watched, 'laporan-cabut-mobile');
    await page.getByRole('button', { name: 'Ya, cabut laporan' }).click();
    await page.getByText('Dicabut', { exact: true }).first().waitFor();
    // nothing more to do on a withdrawn report
    expect(await page.getByRole('button', { name: 'Ubah laporan' }).count()).toBe(0);
    const after = await call<Json>(server.url, 'GET', `/api/v1/reports/${filed.body.ticket}`, {
      token: filed.body.citizenToken,
    });
    expect(after.body).toMatchObject({
      status: { code: 'dicabut' },
      text: 'Lampu jalan mati di Gang Mawar sejak Senin',
    });
  });

  test('a report can be filed with the keyboard alone', async () => {
    const { page, watched } = await open('desktop');
    await page.goto(`${server.url}/lapor`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Tab from the top of the page to the text box: skip link, name, language, the four menu items
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : '';
      });
    for (let i = 0; i < 20 && (await focusedLabel()) !== 'Apa masalahnya?'; i++)
      await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Apa masalahnya?');
    await page.keyboard.type(
      'Saluran air tersumbat sampah di Jl. Saharjo, Manggarai, airnya meluap ke jalan',
    );
    // Enter in a text box does not submit a textarea: Tab to "Lanjut" and press it, as a keyboard user would
    const pressButton = async (name: string) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) break;
      }
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(name);
      await page.keyboard.press('Enter');
    };
    await pressButton('Lanjut');
    await page.getByText('Langkah 2 dari 3').waitFor();
    // the address, typed
    for (let i = 0; i < 30 && (await focusedLabel()) !== 'Atau tulis alamat / nama tempat'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.type('Jl. Saharjo, Manggarai');
    await pressButton('Cek alamat');
    await page.getByText('Ditemukan: Kelurahan Manggarai').waitFor();
    await pressButton('Lanjut');
    await page.getByText('Langkah 3 dari 3').waitFor();
    // anonymous, with the space bar
    const onAnonymous = () =>
      page.evaluate(() => (document.activeElement as HTMLInputElement)?.name === 'anonymous');
    for (let i = 0; i < 10 && !(await onAnonymous()); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /tanpa nama/ }).isChecked()).toBe(true);
    await pressButton('Kirim laporan');
    const shown = page.getByTestId('ticket');
    await shown.waitFor();
    const filed = (await shown.textContent())!.trim();
    const token = JSON.parse((await page.evaluate(() => localStorage.getItem('sigap.myReports'))) ?? '[]')[0]
      .token;
    const read = await call<Json>(server.url, 'GET', `/api/v1/reports/${filed}`, { token });
    expect(read.body).toMatchObject({
      anonymous: true,
      address: 'Jl. Saharjo, Manggarai',
      kelurahan: { name: 'Manggarai' },
    });
    await checkScreen(page, watched, 'lapor-keyboard-done-desktop');
  });

  test('a visitor browses JakRespons and a report’s public page and never sees who reported it', async () => {
    const planted = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: {
        text: `Sampah menumpuk di pinggir jalan sudah seminggu, hubungi saya di ${CANARY.phone}`,
        lat: MONAS.latitude,
        lng: MONAS.longitude,
        category: 'sampah',
        private: false,
        reporter: CANARY,
      },
    });
    expect(planted.status, planted.text).toBe(201);
    const canaryTicket: string = planted.body.ticket;

    const { page, watched } = await open('desktop');
    const neverShowsIdentity = async (where: string) => {
      const seen = `${await page.content()}\n${await page.evaluate(() => document.body.innerText)}`;
      for (const secret of [CANARY.name, 'Kenari', CANARY.phone, '7777', CANARY.email, CANARY.nik])
        expect(seen.includes(secret), `${where} shows ${secret}`).toBe(false);
    };

    await page.goto(`${server.url}/jakrespons`);
    await page.getByText(canaryTicket).waitFor();
    await neverShowsIdentity('JakRespons');
    await checkScreen(page, watched, 'jakrespons-desktop');

    // filters: kota, category, status
    await page.getByLabel('Kota', { exact: true }).selectOption('31.71');
    await page.getByLabel('Jenis masalah').selectOption('sampah');
    await page.getByLabel('Status').selectOption('menunggu');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByText(canaryTicket).waitFor();
    await page.getByLabel('Kota', { exact: true }).selectOption('31.75');
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByText('Tidak ada laporan dengan pilihan ini.').waitFor();

    await page.goto(`${server.url}/cek`);
    await page.getByLabel('Nomor tiket').fill(canaryTicket.toLowerCase());
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.getByText('Tampilan publik').waitFor();
    await neverShowsIdentity('the public page');
    await checkScreen(page, watched, 'laporan-publik-desktop');

    // the citizen's private report, looked up from another device: its status only
    await page.goto(`${server.url}/cek`);
    await page.getByLabel('Nomor tiket').fill(ticket);
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.getByText('Laporan ini rahasia').waitFor();
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('Budi Santoso');
    await checkScreen(page, watched, 'cek-rahasia-desktop');

    // every string has its English twin
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('This report is private').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  test.each(['mobile', 'desktop'] as const)(
    'every main screen passes axe and fits (%s)',
    async (viewport) => {
      const { page, watched } = await open(viewport);
      for (const [name, path] of [
        ['home', '/'],
        ['lapor', '/lapor'],
        ['saya', '/saya'],
        ['cek', '/cek'],
        ['jakrespons', '/jakrespons'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await checkScreen(page, watched, `screen-${name}-${viewport}`);
      }
    },
  );
});
