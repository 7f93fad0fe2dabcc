import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { channelSendersOf } from '../../src/channels/channel-senders.js';
import { TWILIO_WEBHOOK_PATH, type TwilioConfig } from '../../src/channels/sms/twilio.js';
import { DEFAULT_HTTP_OPTIONS } from '../../src/http/http-options.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { type JobRunner, startJobs } from '../../src/services/jobs/job-runner.js';
import { call } from '../support/http.js';
import { STAFF_PASSWORD, type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  screenshot,
  VIEWPORTS,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// Administration in the staff console (/staff/admin/…) in Debian's Chromium, served by the real server with the
// job queue running: an administrator creates an account whose holder must choose their own password, resets and
// deactivates it; reads the city's configuration; sees an SMS that failed for real (a local gateway answering 500)
// and retries it once the gateway works. An officer sees none of it. Screens at 1366×768 and 1920×1080, and on a 360 px phone.

const PHONE = '+6281377712345';
const ACCOUNT = 'AC00000000000000000000000000000000';
const TOKEN = 'token-gerbang-uji-admin';
const CHOSEN = 'sandi pilihan saya sendiri';

/** Twilio's Messages API on loopback: answers 500 until `working`, then records what it is sent. */
async function fakeGateway() {
  const state = { working: false, refused: 0, sent: [] as string[] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!state.working) {
        state.refused++;
        res.writeHead(500, { 'content-type': 'application/json' }).end(`{"message":"down","to":"${PHONE}"}`);
        return;
      }
      state.sent.push(new URLSearchParams(body).get('Body') ?? '');
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.skipIf(!HAS_CHROMIUM)('administration in the staff console, in Chromium', () => {
  let server: TestServer;
  let jobs: JobRunner;
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof fakeGateway>>;
  let sms: TwilioConfig;
  let gambir = '';
  let temporary = '';
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    gateway = await fakeGateway();
    sms = {
      accountSid: ACCOUNT,
      authToken: TOKEN,
      from: '1708',
      apiUrl: gateway.url,
      publicUrl: 'https://lapor.example.go.id',
    };
    server = await testServer('embedded', { ...DEFAULT_HTTP_OPTIONS, sms });
    server.ctx.setNow(new Date()); // the session cookie's expiry counts from the server's clock
    server.ctx.senders = channelSendersOf({ sms });
    // a citizen's SMS is tried once, then it is a dead letter
    jobs = await startJobs(server.ctx, {
      escalationSweepSeconds: 3600,
      pollingIntervalSeconds: 0.5,
      relaySeconds: 0.5,
      settings: { 'notify-citizen': { retryLimit: 0, retryDelay: 1 } },
    });
    server.ctx.jobs = jobs;
    browser = await launch();
    gambir = server.ctx.city.city.unitByRegion.get('31.71.01.1001')!;
    await createUser(server.ctx, {
      username: 'admin.kota',
      password: STAFF_PASSWORD,
      role: 'admin',
      unitId: 'crm-triage',
      displayName: 'Admin Kota',
    });
    await createUser(server.ctx, {
      username: 'lurah.biasa',
      password: STAFF_PASSWORD,
      role: 'officer',
      unitId: gambir,
      displayName: 'Lurah Biasa',
    });
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await jobs?.stop();
    await server?.close();
    await gateway?.close();
  });

  async function open(viewport: 'laptop' | 'wall' = 'laptop') {
    const watched = await watchedContext(browser, viewport);
    contexts.push(watched);
    return { watched, page: await watched.newPage() };
  }

  async function signIn(page: Page, username: string, password = STAFF_PASSWORD) {
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page
      .getByRole('button', { name: 'Keluar' })
      .waitFor()
      .catch(async (error: unknown) => {
        await screenshot(page, `admin-failed-sign-in-${username}`);
        throw error;
      });
  }

  /** What the browser keeps: never a temporary password, a session token or a phone number. */
  async function keptInBrowser(page: Page): Promise<string> {
    return page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage, url: location.href }));
  }

  const apiStatus = (page: Page, path: string, method = 'GET') =>
    page.evaluate(
      async ([p, m]) =>
        (
          await fetch(p!, {
            method: m,
            headers: m === 'POST' ? { 'content-type': 'application/json' } : {},
            body: m === 'POST' ? '{}' : undefined,
          })
        ).status,
      [path, method],
    );

  test('an officer sees no administration: no menu entries, no screens, 403 from the API', async () => {
    const { page, watched } = await open();
    await signIn(page, 'lurah.biasa');
    const nav = page.getByRole('navigation', { name: 'Menu petugas' });
    await nav.getByRole('link', { name: 'Antrean unit' }).waitFor();
    for (const entry of ['Akun', 'Konfigurasi kota', 'Pekerjaan gagal'])
      expect(await nav.getByRole('link', { name: entry }).count(), entry).toBe(0);
    for (const path of ['/staff/admin/akun', '/staff/admin/kota', '/staff/admin/pekerjaan']) {
      await page.goto(`${server.url}${path}`);
      await page.getByText('Halaman ini tidak ada.').waitFor();
    }
    await checkScreen(page, watched, 'admin-officer-refused');
    expect(await apiStatus(page, '/api/v1/admin/accounts')).toBe(403);
    expect(await apiStatus(page, '/api/v1/admin/city')).toBe(403);
    expect(await apiStatus(page, '/api/v1/admin/jobs/failed')).toBe(403);
  });

  test('an administrator creates an account; its holder signs in with the temporary password and must choose their own', async () => {
    const { page, watched } = await open();
    await signIn(page, 'admin.kota');
    const nav = page.getByRole('navigation', { name: 'Menu petugas' });
    await nav.getByRole('link', { name: 'Akun' }).click();
    await page.getByRole('heading', { name: 'Akun petugas', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'lurah.biasa' }).waitFor();
    await checkScreen(page, watched, 'admin-accounts');

    await page.getByRole('button', { name: 'Buat akun baru' }).click();
    const form = page.getByRole('region', { name: 'Akun baru' });
    // the heading takes the focus: a keyboard user starts in the form
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Akun baru');
    await form.getByLabel('Nama pengguna').fill('lurah.baru');
    await form.getByLabel('Nama lengkap').fill('Lurah Baru Gambir');
    await form.getByLabel('Peran').selectOption('officer');
    await form.getByLabel('Cari unit (nama atau kode)').fill('Gambir');
    await form.getByRole('button', { name: 'Cari unit' }).click();
    await expect
      .poll(() => form.getByLabel('Unit', { exact: true }).locator(`option[value="${gambir}"]`).count())
      .toBe(1);
    await form.getByLabel('Unit', { exact: true }).selectOption(gambir);
    await checkScreen(page, watched, 'admin-account-form');
    await form.getByRole('button', { name: 'Buat akun' }).click();

    const shown = page.getByRole('region', { name: 'Kata sandi sementara untuk lurah.baru' });
    await shown.waitFor();
    await shown.getByText(/^Salin sekarang: kata sandi ini hanya ditampilkan sekali/).waitFor();
    temporary = (await shown.getByTestId('temporary-password').textContent()) ?? '';
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await keptInBrowser(page)).not.toContain(temporary);
    await checkScreen(page, watched, 'admin-account-created');
    await shown.getByRole('button', { name: 'Sudah saya salin, tutup' }).click();
    expect(await page.getByText(temporary).count()).toBe(0);
    await page.getByRole('rowheader', { name: 'lurah.baru' }).waitFor();

    // the holder, on another computer
    const holder = await open();
    await signIn(holder.page, 'lurah.baru', temporary);
    await holder.page.getByRole('heading', { name: 'Pilih kata sandi Anda' }).waitFor();
    expect(await holder.page.getByRole('navigation', { name: 'Menu petugas' }).count()).toBe(0);
    await checkScreen(holder.page, holder.watched, 'admin-new-holder-chooses');
    await holder.page.getByLabel('Kata sandi sementara').fill(temporary);
    await holder.page.getByLabel('Kata sandi baru', { exact: true }).fill(CHOSEN);
    await holder.page.getByLabel('Ulangi kata sandi baru').fill(CHOSEN);
    await holder.page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await holder.page.getByRole('heading', { name: /^Antrean / }).waitFor();
  });

  test('the administrator resets the password, then deactivates the account: its holder can no longer sign in', async () => {
    const { page, watched } = await open();
    await signIn(page, 'admin.kota');
    await page.goto(`${server.url}/staff/admin/akun`);
    await page.getByLabel('Cari nama pengguna atau nama').fill('baru');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.getByRole('rowheader').allTextContents()).toEqual(['lurah.baru']);

    // a change of role and unit, keyboard only
    await page.getByRole('button', { name: 'Ubah lurah.baru' }).focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('region', { name: 'Ubah akun lurah.baru' });
    await edit.getByLabel('Peran').selectOption('verifier');
    await edit.getByLabel('Cari unit (nama atau kode)').fill('crm-triage');
    await edit.getByLabel('Cari unit (nama atau kode)').press('Enter');
    await expect
      .poll(() => edit.getByLabel('Unit', { exact: true }).locator('option[value="crm-triage"]').count())
      .toBe(1);
    await edit.getByLabel('Unit', { exact: true }).selectOption('crm-triage');
    await edit.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Akun lurah.baru tersimpan.').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'lurah.baru' }) });
    await expect
      .poll(() => row.textContent())
      .toMatch(/Peran: verifikator.*Unit: Meja Triase Operator CRM\s*crm-triage/);

    await page.getByRole('button', { name: 'Atur ulang kata sandi lurah.baru' }).click();
    const confirm = page.getByRole('region', { name: 'Atur ulang kata sandi lurah.baru?' });
    await confirm.getByRole('button', { name: 'Ya, atur ulang' }).click();
    const shown = page.getByRole('region', { name: 'Kata sandi sementara untuk lurah.baru' });
    const reset = (await shown.getByTestId('temporary-password').textContent()) ?? '';
    expect(reset).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(reset).not.toBe(temporary);
    await shown.getByText('Sesi yang diakhiri: 1.').waitFor();
    await checkScreen(page, watched, 'admin-password-reset');
    await shown.getByRole('button', { name: 'Sudah saya salin, tutup' }).click();

    await page.getByRole('button', { name: 'Nonaktifkan lurah.baru' }).click();
    const off = page.getByRole('region', { name: 'Nonaktifkan lurah.baru?' });
    await off.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await off.getByRole('alert').getByText('Tulis alasan minimal 5 karakter.').waitFor();
    await off.getByLabel('Alasan (tercatat di jejak audit)').fill('pindah tugas ke kecamatan');
    await checkScreen(page, watched, 'admin-deactivate-confirm');
    await off.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await page.getByText('Akun lurah.baru dinonaktifkan; lurah.baru tidak dapat masuk lagi.').waitFor();
    await page.getByRole('cell', { name: /^Nonaktif/ }).waitFor();
    await checkScreen(page, watched, 'admin-account-deactivated');

    const holder = await open();
    await holder.page.goto(`${server.url}/staff`);
    await holder.page.getByLabel('Nama pengguna').fill('lurah.baru');
    for (const password of [reset, CHOSEN]) {
      await holder.page.getByLabel('Kata sandi').fill(password);
      await holder.page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await holder.page.getByRole('alert').waitFor();
      expect(await holder.page.getByRole('button', { name: 'Keluar' }).count()).toBe(0);
    }
  });

  for (const viewport of ['laptop', 'wall'] as const)
    test(`the administrator reads the city’s configuration, read-only (${VIEWPORTS[viewport].width}×${VIEWPORTS[viewport].height})`, async () => {
      const { page, watched } = await open(viewport);
      await signIn(page, 'admin.kota');
      await page
        .getByRole('navigation', { name: 'Menu petugas' })
        .getByRole('link', { name: 'Konfigurasi kota' })
        .click();
      await page.getByRole('heading', { name: 'Konfigurasi kota: DKI Jakarta', level: 1 }).waitFor();
      await page.getByText(/^Hanya baca\. Inilah konfigurasi yang dimuat server saat mulai/).waitFor();
      await page.getByText(server.ctx.city.city.dir, { exact: true }).waitFor();
      const limits = page.getByRole('table', { name: 'Batas waktu (SLA)' });
      await expect
        .poll(() => limits.getByRole('row').filter({ hasText: 'Banjir / genangan' }).textContent())
        .toMatch(/Banjir \/ genangan\s*banjir.*2.*24.*semua jam/);
      await page
        .getByText(
          'Laporan "Jalan rusak / berlubang" di mana saja dikirim ke Suku Dinas bidang bina-marga di kota/kabupaten tempat laporan',
        )
        .waitFor();
      expect(
        await page
          .getByRole('button')
          .filter({ hasText: /Simpan|Ubah/ })
          .count(),
      ).toBe(0);
      await checkScreen(page, watched, `admin-city-${viewport}`);
      await page
        .getByRole('navigation', { name: 'Menu petugas' })
        .getByRole('link', { name: 'Akun' })
        .click();
      await page.getByRole('rowheader', { name: 'lurah.baru' }).waitFor();
      await checkScreen(page, watched, `admin-accounts-${viewport}`);
    });

  test('an SMS that failed for real is shown in plain words, without the number, and retried', async () => {
    // a citizen texts LAPOR: the ticket's reply is a job, and the gateway answers 500
    const params = {
      MessageSid: 'SMadmin1',
      AccountSid: ACCOUNT,
      From: PHONE,
      To: '1708',
      Body: 'LAPOR lampu jalan mati di Jalan Tebet Raya depan masjid, gelap sekali',
    };
    const url = `${sms.publicUrl}${TWILIO_WEBHOOK_PATH}`;
    const signature = createHmac('sha1', TOKEN)
      .update(
        Object.keys(params)
          .sort()
          .reduce((acc, key) => acc + key + params[key as keyof typeof params], url),
      )
      .digest('base64');
    const delivered = await fetch(`${server.url}${TWILIO_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    expect(delivered.status).toBe(200);
    const login = await call<{ token: string }>(server.url, 'POST', '/api/v1/auth/login', {
      json: { username: 'admin.kota', password: STAFF_PASSWORD },
    });
    await vi.waitFor(
      async () => {
        const failed = await call<{ items: { queue: string }[] }>(
          server.url,
          'GET',
          '/api/v1/admin/jobs/failed',
          {
            token: login.body.token,
          },
        );
        expect(failed.body.items.map((i) => i.queue)).toEqual(['notify-citizen']);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(gateway.state.refused).toBe(1);

    const { page, watched } = await open();
    await signIn(page, 'admin.kota');
    await page
      .getByRole('navigation', { name: 'Menu petugas' })
      .getByRole('link', { name: 'Pekerjaan gagal' })
      .click();
    await page.getByRole('heading', { name: 'Pekerjaan latar yang gagal', level: 1 }).waitFor();
    const job = page.locator('li.staff-job');
    await job.getByRole('heading', { name: 'Kabar ke warga' }).waitFor();
    await job
      .getByText(
        'Kabar untuk warga tidak terkirim: Gerbang SMS sedang bermasalah di pihaknya (menjawab 500); ulangi setelah layanannya pulih',
      )
      .waitFor();
    await job.getByText('the SMS gateway answered 500').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('81377712345');
    expect(text).not.toContain('Tebet Raya');
    await checkScreen(page, watched, 'admin-failed-jobs');
    await page.setViewportSize(VIEWPORTS.wall);
    await checkScreen(page, watched, 'admin-failed-jobs-wall');
    await page.setViewportSize(VIEWPORTS.laptop);

    // English second: the same job in the other language
    await page.getByRole('button', { name: 'English' }).click();
    await job.getByText(/^A message to a citizen was not delivered: The SMS gateway had a fault/).waitFor();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();

    gateway.state.working = true;
    await job.getByRole('button', { name: 'Ulangi: Kabar ke warga' }).focus();
    await page.keyboard.press('Enter');
    await job
      .getByRole('status')
      .getByText(/^Dikembalikan ke antreannya untuk dicoba sekali lagi/)
      .waitFor();
    await checkScreen(page, watched, 'admin-failed-job-retried');
    await vi.waitFor(() => expect(gateway.state.sent).toHaveLength(1), { timeout: 30_000, interval: 200 });
    expect(gateway.state.sent[0]).toMatch(/No tiket JK/);
    await page.getByRole('button', { name: 'Muat ulang daftar' }).click();
    await page.getByText('Tidak ada pekerjaan yang gagal.').waitFor();
    expect(await keptInBrowser(page)).not.toMatch(/81377712345|lurah\.baru/);
  });

  test('administration on a 360 px phone: accounts, the city’s configuration and failed jobs fit the screen', async () => {
    const { page, watched } = await open();
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, 'admin.kota');
    await page.goto(`${server.url}/staff/admin/akun`);
    await page.getByRole('rowheader', { name: 'lurah.biasa' }).waitFor();
    await page.getByRole('button', { name: 'Ubah lurah.biasa' }).click();
    const edit = page.getByRole('region', { name: 'Ubah akun lurah.biasa' });
    // the unit the account has now, by its name, before any search
    expect(await edit.getByLabel('Unit', { exact: true }).locator('option:checked').textContent()).toBe(
      'Kelurahan Gambir (kel-3171011001)',
    );
    await checkScreen(page, watched, 'admin-accounts-360');
    await page.goto(`${server.url}/staff/admin/kota`);
    await page.getByRole('table', { name: 'Batas waktu (SLA)' }).waitFor();
    await checkScreen(page, watched, 'admin-city-360');
    await page.goto(`${server.url}/staff/admin/pekerjaan`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkScreen(page, watched, 'admin-failed-jobs-360');
  });
});
