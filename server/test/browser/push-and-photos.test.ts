import type { Browser } from 'playwright-core';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuilt } from '../../../web/scripts/build-web.mjs';
import { webPushSender } from '../../src/channels/push/web-push-sender.js';
import { countPushSubscriptions } from '../../src/store/push-subscription-repository.js';
import { call } from '../support/http.js';
import { scenePhoto } from '../support/synthetic-photos.js';
import { type TestServer, testServer } from '../support/test-app.js';
import {
  checkScreen,
  HAS_CHROMIUM,
  launch,
  type ViewportName,
  type WatchedContext,
  watchedContext,
} from './browser.js';

// The report flow's photo step on a phone (a large photo made smaller before it is sent, the upload's progress)
// and the "Beri tahu saya" control in a Chromium that has no push service: it must explain, not break.

const MONAS = { latitude: -6.1754, longitude: 106.8272, accuracy: 25 };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!HAS_CHROMIUM)('photos and push notifications in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await testServer('embedded');
    // this server sends push (so the control shows); no push service is listed: nothing could be sent anywhere
    server.ctx.push = webPushSender(
      { ...webpush.generateVAPIDKeys(), subject: 'mailto:uji@example.go.id' },
      [],
    );
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) expect(c.outbound, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: ViewportName, options: Parameters<typeof watchedContext>[2] = {}) {
    const watched = await watchedContext(browser, viewport, { origin: server.url, ...options });
    contexts.push(watched);
    return { watched, page: await watched.newPage() };
  }

  test('a large photo is made smaller on the phone before it is sent, and the upload shows its progress', async () => {
    const { page, watched } = await open('mobile', { geolocation: MONAS });
    const large = await scenePhoto(11, { width: 4000 });
    expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
    await page.goto(`${server.url}/lapor`);
    await page.getByLabel('Apa masalahnya?').fill('Trotoar rusak parah dan berlubang di depan pasar');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page
      .getByTestId('photo-gallery')
      .setInputFiles({ name: 'trotoar.jpg', mimeType: 'image/jpeg', buffer: large });
    await page.getByText(/Foto diperkecil dari [0-9.]+ MB menjadi [0-9.]+ MB/).waitFor();
    await page.getByRole('img', { name: 'Foto yang dipilih' }).waitFor();
    await page.getByRole('button', { name: 'Pakai lokasi saya sekarang' }).click();
    await page.getByText('Ditemukan: Kelurahan Gambir').waitFor();
    await checkScreen(page, watched, 'lapor-2-photo-compressed-mobile');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    // every progress the page showed while sending, as the person saw it
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        const label = bar?.closest('label')?.textContent;
        if (bar && label) seen.push(`${label}|${bar.value}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const shown = page.getByTestId('ticket');
    await shown.waitFor();
    const ticket = (await shown.textContent())!.trim();
    const progress = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^Mengirim/);

    const stored = await server.ctx.store.db
      .selectFrom('attachment')
      .innerJoin('report', 'report.id', 'attachment.report_id')
      .select(['attachment.bytes', 'attachment.width', 'attachment.height', 'attachment.mime'])
      .where('report.ticket', '=', ticket)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.bytes).toBeLessThan(large.length / 2);
    expect(stored[0]!.mime).toBe('image/jpeg');
    expect(watched.problems).toEqual([]);
  }, 180_000);

  test('"Beri tahu saya" where the browser has no push service: it explains, nothing breaks', async () => {
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: 'Lampu taman mati sejak kemarin malam', lat: MONAS.latitude, lng: MONAS.longitude },
    });
    expect(created.status).toBe(201);
    const { ticket, citizenToken } = created.body;
    const { page, watched } = await open('mobile', { serviceWorkers: 'allow' });
    await page.goto(`${server.url}/`);
    await page.evaluate((kept) => localStorage.setItem('sigap.myReports', JSON.stringify([kept])), {
      ticket,
      token: citizenToken,
      filedAt: new Date().toISOString(),
    });
    await page.goto(`${server.url}/laporan/${ticket}`);
    const notify = page.getByRole('button', { name: 'Beri tahu saya' });
    await notify.waitFor();
    await page.getByText('Notifikasi hanya berisi nomor tiket dan status.').waitFor();
    await checkScreen(page, watched, 'laporan-notify-mobile');

    // headless Chromium refuses the permission (no push service either): a plain explanation, no error
    await notify.click();
    await page.getByText(/Notifikasi tidak diizinkan|tidak dapat berlangganan/).waitFor();
    await checkScreen(page, watched, 'laporan-notify-refused-mobile');
    expect(await notify.isEnabled()).toBe(true);
    const report = await server.ctx.store.db
      .selectFrom('report')
      .select('id')
      .where('ticket', '=', ticket)
      .executeTakeFirstOrThrow();
    expect(await countPushSubscriptions(server.ctx.store.db, report.id)).toBe(0);

    // in English too
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Notify me' }).waitFor();
    await checkScreen(page, watched, 'laporan-notify-en-mobile');
  });

  test('a push the service worker receives shows the ticket and status, and nothing else', async () => {
    const { page, watched } = await open('mobile', { serviceWorkers: 'allow' });
    await watched.context.grantPermissions(['notifications'], { origin: server.url });
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // what the push service would hand the browser: delivered to the app's worker through the DevTools protocol
    const cdp = await watched.context.newCDPSession(page);
    const registrations: string[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string }[] }) =>
      registrations.push(...e.registrations.map((r) => r.registrationId)),
    );
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: server.url,
      registrationId: registrations[0]!,
      data: JSON.stringify({
        ticket: 'JK2611230099',
        status: { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
      }),
    });
    const shown = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          data: n.data as unknown,
        }));
      });
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      {
        title: 'Laporan JK2611230099',
        body: 'Status: Proses. / Status: In progress.',
        data: { url: '/laporan/JK2611230099' },
      },
    ]);
    expect(watched.problems).toEqual([]);
  });
});
