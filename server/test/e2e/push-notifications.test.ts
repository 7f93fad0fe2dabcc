import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { webPushSender } from '../../src/channels/push/web-push-sender.js';
import { countPushSubscriptions } from '../../src/store/push-subscription-repository.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import { fakePushService } from '../support/fake-push-service.js';
import { call } from '../support/http.js';
import { signInStaff } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MONAS = { lat: -6.1754, lng: 106.8272 };
const NAME = 'Sutrisno Canarywati';
const PHONE = '+6281234509876';

describe.each(testEngines())(
  'Web Push to the browsers following a report, with a fake push service (%s)',
  (engine) => {
    let server: ChannelServer;
    let push: Awaited<ReturnType<typeof fakePushService>>;
    const keys = webpush.generateVAPIDKeys();
    let officer = '';

    const newReport = async () => {
      const created = await call<Json>(server.base, 'POST', '/api/v1/reports', {
        json: {
          text: 'Lampu jalan mati di depan halte, gelap sekali',
          ...MONAS,
          category: 'jalan',
          reporter: { name: NAME, phone: PHONE },
        },
      });
      expect(created.status, created.text).toBe(201);
      return created.body as { ticket: string; citizenToken: string };
    };
    const reportId = async (ticket: string) =>
      await server.ctx.store.db
        .selectFrom('report')
        .select(['id', 'assigned_unit_id'])
        .where('ticket', '=', ticket)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      push = await fakePushService();
      // a failed push is retried after a second here, not ten
      server = await channelServer(engine, {}, { 'push-citizen': { retryDelay: 1 } });
      server.ctx.push = webPushSender({ ...keys, subject: 'mailto:pengaduan@jakarta.example' }, [
        push.origin,
      ]);
    });
    afterAll(async () => {
      await server?.close();
      await push?.close();
    });

    test('the public key; a subscription only for one’s own report and only on a known push service', async () => {
      const key = await call<Json>(server.base, 'GET', '/api/v1/push/key');
      expect(key).toMatchObject({ status: 200, body: { publicKey: keys.publicKey } });

      const { ticket, citizenToken } = await newReport();
      const other = await newReport();
      const browser = push.browser();
      const path = `/api/v1/reports/${ticket}/push`;
      // no token, someone else's token, a token that is not one
      expect((await call(server.base, 'POST', path, { json: browser.subscription })).status).toBe(401);
      const foreign = await call<Json>(server.base, 'POST', path, {
        json: browser.subscription,
        token: other.citizenToken,
      });
      expect(foreign.status).toBe(404);
      // an endpoint that is no push service this server knows (the server would POST wherever it is told)
      const elsewhere = await call<Json>(server.base, 'POST', path, {
        json: { ...browser.subscription, endpoint: 'http://169.254.169.254/latest/meta-data' },
        token: citizenToken,
      });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.error.message.id).toMatch(/layanan push/);
      expect(elsewhere.body.error.message.en).toMatch(/push service/);
      // keys that are not a browser's
      const badKeys = await call<Json>(server.base, 'POST', path, {
        json: { ...browser.subscription, keys: { p256dh: 'abc', auth: 'def' } },
        token: citizenToken,
      });
      expect(badKeys.status).toBe(400);
      expect(await countPushSubscriptions(server.ctx.store.db, (await reportId(ticket)).id)).toBe(0);
      expect(push.requests).toEqual([]);
    });

    test('an officer’s status change reaches the browser once: ticket and status, no identity; 410 forgets it', async () => {
      const { ticket, citizenToken } = await newReport();
      const report = await reportId(ticket);
      const browser = push.browser();
      const gone = push.browser();
      for (const b of [browser, gone]) {
        const followed = await call<Json>(server.base, 'POST', `/api/v1/reports/${ticket}/push`, {
          json: b.subscription,
          token: citizenToken,
        });
        expect(followed.status, followed.text).toBe(200);
        expect(followed.body).toEqual({ ticket, following: true });
      }
      // following twice is one subscription
      await call(server.base, 'POST', `/api/v1/reports/${ticket}/push`, {
        json: browser.subscription,
        token: citizenToken,
      });
      expect(await countPushSubscriptions(server.ctx.store.db, report.id)).toBe(2);
      // the subscription is sealed: neither its endpoint nor its keys are stored as they came
      const stored = await server.ctx.store.db.selectFrom('push_subscription').selectAll().execute();
      const asText = JSON.stringify(stored.map((r) => ({ ...r, sealed: r.sealed.toString('latin1') })));
      expect(asText).not.toContain(push.origin.replace('http://', ''));
      expect(asText).not.toContain(browser.subscription.keys.p256dh);
      expect(asText).not.toContain(browser.subscription.keys.auth);

      push.answer(gone, 410);
      officer = await signInStaff(
        { ctx: server.ctx, url: server.base, close: async () => {} },
        `lurah-${engine}`,
        'officer',
        report.assigned_unit_id!,
      );
      const processed = await call<Json>(server.base, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
        token: officer,
        json: { note: 'Tim PJU berangkat' },
      });
      expect(processed.status, processed.text).toBe(200);

      await vi.waitFor(
        async () => {
          expect(
            push.deliveries.filter((d) => d.path === new URL(browser.subscription.endpoint).pathname),
          ).toHaveLength(1);
          expect(await countPushSubscriptions(server.ctx.store.db, report.id)).toBe(1);
        },
        { timeout: 30_000, interval: 100 },
      );
      const delivered = push.deliveries.find(
        (d) => d.path === new URL(browser.subscription.endpoint).pathname,
      )!;
      expect(JSON.parse(delivered.payload)).toEqual({
        ticket,
        status: { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
      });
      expect(delivered.payload).not.toContain('Sutrisno');
      expect(delivered.payload).not.toContain('81234509876');
      expect(delivered.payload).not.toContain('Lampu');
      expect(delivered.claims).toMatchObject({ aud: push.origin, sub: 'mailto:pengaduan@jakarta.example' });
      expect(delivered.vapidKey).toBe(keys.publicKey);
      expect(delivered.ttl).toBeGreaterThan(0);
      expect(push.problems).toEqual([]);

      // a moment for any second push of the same change to show up (none may)
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(
        push.requests.filter((r) => r.endsWith(new URL(browser.subscription.endpoint).pathname)),
      ).toHaveLength(1);
      // the push service answered 410 once for the browser that left, and it was forgotten
      expect(
        push.requests.filter((r) => r.endsWith(new URL(gone.subscription.endpoint).pathname)),
      ).toHaveLength(1);

      // the browser stops following: the next change is not pushed to it
      const stopped = await call<Json>(server.base, 'DELETE', `/api/v1/reports/${ticket}/push`, {
        json: { endpoint: browser.subscription.endpoint },
        token: citizenToken,
      });
      expect(stopped.body).toEqual({ ticket, following: false });
      expect(await countPushSubscriptions(server.ctx.store.db, report.id)).toBe(0);

      // nothing of the subscription reached the log; nothing went anywhere but 127.0.0.1 (the fetch guard)
      const log = server.ctx.logLines.join('\n');
      expect(log).not.toContain(new URL(browser.subscription.endpoint).pathname);
      expect(log).not.toContain(browser.subscription.keys.p256dh);
      expect(server.outbound.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
    });

    test('a push service that fails is retried until it takes the push, and the citizen’s own action pushes nothing', async () => {
      const { ticket, citizenToken } = await newReport();
      const report = await reportId(ticket);
      const browser = push.browser();
      const path = new URL(browser.subscription.endpoint).pathname;
      await call(server.base, 'POST', `/api/v1/reports/${ticket}/push`, {
        json: browser.subscription,
        token: citizenToken,
      });

      // the citizen withdraws their own report: they know, nothing is pushed
      const withdrawn = await call<Json>(server.base, 'POST', `/api/v1/reports/${ticket}/withdraw`, {
        token: citizenToken,
        json: {},
      });
      expect(withdrawn.status, withdrawn.text).toBe(200);

      const second = await newReport();
      const secondReport = await reportId(second.ticket);
      await call(server.base, 'POST', `/api/v1/reports/${second.ticket}/push`, {
        json: browser.subscription,
        token: second.citizenToken,
      });
      push.answer(browser, 503);
      const processed = await call<Json>(
        server.base,
        'POST',
        `/api/v1/officer/reports/${second.ticket}/process`,
        {
          token: officer,
          json: {},
        },
      );
      expect(processed.status, processed.text).toBe(200);
      await vi.waitFor(
        () => expect(push.requests.filter((r) => r.endsWith(path)).length).toBeGreaterThanOrEqual(2),
        {
          timeout: 30_000,
          interval: 100,
        },
      );
      push.answer(browser, 0);
      await vi.waitFor(() => expect(push.deliveries.filter((d) => d.path === path)).toHaveLength(1), {
        timeout: 30_000,
        interval: 100,
      });
      expect(JSON.parse(push.deliveries.find((d) => d.path === path)!.payload)).toMatchObject({
        ticket: second.ticket,
        status: { code: 'proses' },
      });
      expect(await countPushSubscriptions(server.ctx.store.db, report.id)).toBe(1);
      expect(await countPushSubscriptions(server.ctx.store.db, secondReport.id)).toBe(1);
      // the log says a push failed, never where it was going
      const log = server.ctx.logLines.join('\n');
      expect(log).toContain('push service answered 503');
      expect(log).not.toContain(path);
    });
  },
);
