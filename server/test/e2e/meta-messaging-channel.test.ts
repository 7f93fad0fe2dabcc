import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { MessengerConfig } from '../../src/channels/messenger/messenger-config.js';
import { messengerWebhookPath } from '../../src/channels/messenger/messenger-webhook.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PAGE_ID = '104882365581122';
const IG_ID = '17841405822304914';
const HOUR = 60 * 60 * 1000;
const PSID = '6543210987654321';
const IGSID = '1234567890123456';
const TOKEN = { facebook: 'EAAB-page-token-uji', instagram: 'EAAB-ig-token-uji' };
const SECRET = { facebook: 'rahasia-app-fb-uji', instagram: 'rahasia-app-ig-uji' };
const VERIFY = 'token-verifikasi-meta-uji';
const COMMENTER = '9876501234567890';
const COMMENT_ID = '17858893269000001';

/** An Instagram webhook delivery of the `comments` field: someone commented on one of the account's posts. */
function commentDelivery(id: string, text: string, from = COMMENTER) {
  return {
    object: 'instagram',
    entry: [
      {
        id: IG_ID,
        time: 1795000000,
        changes: [
          {
            field: 'comments',
            value: {
              from: { id: from, username: 'warga.kemang' },
              media: { id: '17920238422030506', media_product_type: 'FEED' },
              id,
              text,
            },
          },
        ],
      },
    ],
  };
}

/** A local stand-in for the Graph API's Send API and Meta's CDN, in their documented shapes. */
async function fakeMeta(photo: Buffer) {
  const sent: Array<{ account: string; body: Json }> = [];
  /** public replies under comments (`POST /{comment-id}/replies`) */
  const replies: Array<{ comment: string; body: Json }> = [];
  const unexpected: string[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const json = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/cdn/photo.jpg') {
        if (req.headers.authorization) unexpected.push('a token sent to the CDN');
        return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      }
      const send = /^\/v21\.0\/(\d+)\/messages$/.exec(req.url ?? '');
      if (req.method === 'POST' && send) {
        const account = send[1]!;
        const token = account === PAGE_ID ? TOKEN.facebook : TOKEN.instagram;
        if (req.headers.authorization !== `Bearer ${token}`) {
          unexpected.push(`${req.url} without its token`);
          return json(401, { error: { message: 'Invalid OAuth access token', code: 190 } });
        }
        const body = JSON.parse(data) as Json;
        sent.push({ account, body });
        return json(200, { recipient_id: body.recipient.id, message_id: `m_out${sent.length}` });
      }
      const reply = /^\/v21\.0\/(\d+)\/replies$/.exec(req.url ?? '');
      if (req.method === 'POST' && reply) {
        if (req.headers.authorization !== `Bearer ${TOKEN.instagram}`) {
          unexpected.push(`${req.url} without its token`);
          return json(401, { error: { message: 'Invalid OAuth access token', code: 190 } });
        }
        const body = JSON.parse(data) as Json;
        replies.push({ comment: reply[1]!, body });
        return json(200, { id: `1790${replies.length}` });
      }
      unexpected.push(`${req.method} ${req.url}`);
      json(404, { error: { message: 'Unknown path' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    replies,
    unexpected,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A Messenger Platform delivery (`page` or `instagram`) with messaging events. */
function delivery(object: 'page' | 'instagram', events: Json[]) {
  const account = object === 'page' ? PAGE_ID : IG_ID;
  return {
    object,
    entry: [{ id: account, time: 1795000000000, messaging: events }],
  };
}
const message = (object: 'page' | 'instagram', mid: string, fields: Json, from?: string) => {
  const account = object === 'page' ? PAGE_ID : IG_ID;
  return {
    sender: { id: from ?? (object === 'page' ? PSID : IGSID) },
    recipient: { id: account },
    timestamp: 1795000000000,
    message: { mid, ...fields },
  };
};

describe.each(testEngines())(
  'the Facebook Page and Instagram channels, with a fake Graph API (%s)',
  (engine) => {
    let ctx: TestContext;
    let meta: Awaited<ReturnType<typeof fakeMeta>>;
    let server: ChannelServer;
    let base: string;
    let outbound: string[] = [];
    const realFetch = globalThis.fetch;

    const post = async (
      channel: 'facebook' | 'instagram',
      body: unknown,
      signature: 'good' | 'bad' | null = 'good',
    ) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const sig = `sha256=${createHmac('sha256', signature === 'good' ? SECRET[channel] : 'lain')
        .update(raw)
        .digest('hex')}`;
      const response = await realFetch(`${base}${messengerWebhookPath(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': sig } : {}) },
        body: raw,
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const reportsOf = (channel: string) =>
      ctx.store.db
        .selectFrom('report')
        .select(['id', 'ticket', 'assigned_unit_id', 'text'])
        .where('channel', '=', channel)
        .orderBy('created_at')
        .execute();
    const waitForSent = (n: number) =>
      vi.waitFor(() => expect(meta.sent.length).toBeGreaterThanOrEqual(n), {
        timeout: 30_000,
        interval: 100,
      });

    beforeAll(async () => {
      meta = await fakeMeta(await phonePhoto(13));
      const config = (channel: 'facebook' | 'instagram', accountId: string): MessengerConfig => ({
        channel,
        accessToken: TOKEN[channel],
        appSecret: SECRET[channel],
        verifyToken: VERIFY,
        accountId,
        graphUrl: `${meta.url}/v21.0`,
        mediaHosts: ['127.0.0.1'],
      });
      server = await channelServer(
        engine,
        { facebook: config('facebook', PAGE_ID), instagram: config('instagram', IG_ID) },
        { 'notify-citizen': { retryDelay: 1 } },
      );
      ({ ctx, base, outbound } = server);
    });
    afterAll(async () => {
      await server.close();
      await meta.close();
    });

    test('the handshake needs the verify token; a bad signature is a 401, a malformed or oversized body a 4xx, nothing stored', async () => {
      for (const channel of ['facebook', 'instagram'] as const) {
        const verify = (token: string) =>
          realFetch(
            `${base}${messengerWebhookPath(channel)}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=8731`,
          );
        const ok = await verify(VERIFY);
        expect([ok.status, await ok.text()]).toEqual([200, '8731']);
        expect((await verify('salah')).status).toBe(403);
      }
      const body = delivery('page', [
        message('page', 'm_forged', { text: 'Jalan rusak di Jalan Tebet Raya' }),
      ]);
      const forged = await post('facebook', body, 'bad');
      expect(forged.status).toBe(401);
      expect(forged.body.error.message).toEqual({
        id: 'Tanda tangan webhook tidak sah',
        en: 'The webhook signature is not valid',
      });
      expect((await post('facebook', body, null)).status).toBe(401);
      // signed by the Page's app secret but sent to the Instagram webhook
      expect((await post('instagram', JSON.stringify(body).replace('x', 'x'), 'bad')).status).toBe(401);
      const wrongObject = await post('instagram', delivery('page', []));
      expect(wrongObject.status).toBe(400);
      expect(wrongObject.body.error.message.en).toMatch(/Instagram webhook/);
      expect((await post('facebook', '{nope')).status).toBe(400);
      expect(
        (await post('facebook', { object: 'page', entry: [{ messaging: [{ sender: {} }] }] })).status,
      ).toBe(400);
      const huge = await post(
        'facebook',
        delivery('page', [message('page', 'm_huge', { text: 'x'.repeat(300 * 1024) })]),
      );
      expect(huge.status).toBe(413);
      expect(await ctx.store.db.selectFrom('inbound_message').selectAll().execute()).toEqual([]);
      expect(meta.sent).toEqual([]);
    });

    test('a Page message with a photo, delivered 20 times at once: one message, one report, one ticket by the Send API', async () => {
      const body = delivery('page', [
        message('page', 'm_AbCdEf123', {
          text: 'Lampu penerangan jalan mati di Jalan Tebet Raya depan masjid',
          attachments: [{ type: 'image', payload: { url: `${meta.url}/cdn/photo.jpg` } }],
        }),
        // the Page's own answer comes back as an echo: never a report
        {
          ...message('page', 'm_echo1', { text: 'Terima kasih', is_echo: true }, PAGE_ID),
          recipient: { id: PSID },
        },
      ]);
      const answers = await Promise.all(Array.from({ length: 20 }, () => post('facebook', body)));
      for (const answer of answers) expect(answer).toEqual({ status: 200, body: {} });
      const reports = await reportsOf('facebook');
      expect(reports).toHaveLength(1);
      expect(
        await ctx.store.db
          .selectFrom('inbound_message')
          .select('id')
          .where('channel', '=', 'facebook')
          .execute(),
      ).toHaveLength(1);
      const photos = await ctx.store.db
        .selectFrom('attachment')
        .select('kind')
        .where('report_id', '=', reports[0]!.id)
        .execute();
      expect(photos).toEqual([{ kind: 'photo' }]);
      await waitForSent(1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(meta.sent).toEqual([
        {
          account: PAGE_ID,
          body: {
            recipient: { id: PSID },
            messaging_type: 'RESPONSE',
            message: { text: expect.stringContaining(`No tiket ${reports[0]!.ticket}`) },
          },
        },
      ]);
    });

    test('an officer’s status change reaches the Page’s sender in Indonesian; after 24 hours with the ACCOUNT_UPDATE tag', async () => {
      const [report] = await reportsOf('facebook');
      ctx.advance(25 * HOUR); // the sender has written nothing for 25 hours: outside the standard window
      await createUser(ctx, {
        username: 'lurah.fb',
        password: 'kata-sandi-uji-123',
        role: 'officer',
        unitId: report!.assigned_unit_id!,
        displayName: 'Lurah',
      });
      const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
        json: { username: 'lurah.fb', password: 'kata-sandi-uji-123' },
      });
      const before = meta.sent.length;
      const acted = await call<Json>(base, 'POST', `/api/v1/officer/reports/${report!.ticket}/process`, {
        token: login.body.token,
        json: { note: 'Petugas PJU berangkat' },
      });
      expect(acted.status, acted.text).toBe(200);
      await waitForSent(before + 1);
      expect(meta.sent.at(-1)).toEqual({
        account: PAGE_ID,
        body: {
          recipient: { id: PSID },
          messaging_type: 'MESSAGE_TAG',
          tag: 'ACCOUNT_UPDATE',
          message: { text: `Laporan ${report!.ticket}: sedang dikerjakan petugas.` },
        },
      });
      // the officer sees the pseudonym, never the page-scoped id
      const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${report!.ticket}`, {
        token: login.body.token,
      });
      expect(JSON.stringify(view.body)).not.toContain(PSID);
    });

    test('Instagram: a DM is a report; CEK is answered at once; a sticker is told what to send', async () => {
      const first = await post(
        'instagram',
        delivery('instagram', [
          message('instagram', 'aWdfZAG1faXRlbTox', {
            text: 'Sampah menumpuk di Kali Ciliwung dekat Kampung Melayu',
          }),
        ]),
      );
      expect(first.status).toBe(200);
      const [report] = await reportsOf('instagram');
      expect(report).toBeDefined();
      await vi.waitFor(
        () =>
          expect(meta.sent.some((s) => s.account === IG_ID && /No tiket/.test(s.body.message.text))).toBe(
            true,
          ),
        { timeout: 30_000 },
      );
      await post('instagram', delivery('instagram', [message('instagram', 'aWdfcek', { text: 'cek' })]));
      await post(
        'instagram',
        delivery('instagram', [
          message('instagram', 'aWdfsticker', {
            attachments: [{ type: 'sticker', payload: { url: 'https://x' } }],
          }),
        ]),
      );
      const toIg = meta.sent.filter((s) => s.account === IG_ID).map((s) => s.body);
      expect(toIg).toContainEqual({
        recipient: { id: IGSID },
        messaging_type: 'RESPONSE',
        message: { text: expect.stringMatching(new RegExp(`^Laporan ${report!.ticket}: Menunggu`)) },
      });
      expect(toIg.at(-1)!.message.text).toMatch(/^Maaf, jenis pesan ini belum dapat diproses/);
      expect(await reportsOf('instagram')).toHaveLength(1);
    });

    test('Instagram: a comment on a post, delivered 20 times at once, is one report; its ticket by private reply, a status by public reply', async () => {
      const before = (await reportsOf('instagram')).length;
      const body = commentDelivery(
        COMMENT_ID,
        '@gubernur.jakarta Pak, trotoar di Jalan Kemang Raya depan sekolah ambles dan berlubang besar',
      );
      // forged: a bad signature stores nothing
      expect((await post('instagram', body, 'bad')).status).toBe(401);
      expect(await reportsOf('instagram')).toHaveLength(before);
      const answers = await Promise.all(Array.from({ length: 20 }, () => post('instagram', body)));
      for (const answer of answers) expect(answer).toEqual({ status: 200, body: {} });
      // the account's own reply, an emoji-only comment and a malformed comment change: nothing
      expect(
        (await post('instagram', commentDelivery('17858893269000002', 'Terima kasih, kami cek', IG_ID)))
          .status,
      ).toBe(200);
      expect((await post('instagram', commentDelivery('17858893269000003', '🔥🔥 @teman'))).status).toBe(200);
      const broken = commentDelivery('bukan-angka', 'x');
      expect((await post('instagram', broken)).status).toBe(400);
      const reports = await reportsOf('instagram');
      expect(reports).toHaveLength(before + 1);
      const report = reports.at(-1)!;
      expect(report.text).toBe('Pak, trotoar di Jalan Kemang Raya depan sekolah ambles dan berlubang besar');
      const messages = await ctx.store.db
        .selectFrom('inbound_message')
        .select('external_id')
        .where('report_id', '=', report.id)
        .execute();
      expect(messages).toEqual([{ external_id: `comment:${COMMENT_ID}` }]);
      const privateReplies = () => meta.sent.filter((s) => s.body.recipient?.comment_id === COMMENT_ID);
      await vi.waitFor(() => expect(privateReplies()).toHaveLength(1), { timeout: 30_000, interval: 100 });
      expect(privateReplies()[0]).toEqual({
        account: IG_ID,
        body: {
          recipient: { comment_id: COMMENT_ID },
          message: { text: expect.stringContaining(`No tiket ${report.ticket}`) },
        },
      });
      expect(meta.replies).toEqual([]);

      await createUser(ctx, {
        username: 'lurah.ig',
        password: 'kata-sandi-uji-123',
        role: 'officer',
        unitId: report.assigned_unit_id!,
        displayName: 'Lurah',
      });
      const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
        json: { username: 'lurah.ig', password: 'kata-sandi-uji-123' },
      });
      const acted = await call<Json>(base, 'POST', `/api/v1/officer/reports/${report.ticket}/process`, {
        token: login.body.token,
        json: { note: 'Tim bina marga meninjau lokasi' },
      });
      expect(acted.status, acted.text).toBe(200);
      await vi.waitFor(() => expect(meta.replies).toHaveLength(1), { timeout: 30_000, interval: 100 });
      expect(meta.replies[0]).toEqual({
        comment: COMMENT_ID,
        body: { message: `Laporan ${report.ticket}: sedang dikerjakan petugas.` },
      });
      expect(privateReplies()).toHaveLength(1);
      const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${report.ticket}`, {
        token: login.body.token,
      });
      expect(JSON.stringify(view.body)).not.toContain(COMMENTER);
      expect(JSON.stringify(view.body)).not.toContain('warga.kemang');
    });

    test('no id or token in any log line; every call out went to the fake Graph API', async () => {
      const log = ctx.logLines.join('\n');
      for (const secret of [PSID, IGSID, COMMENTER, 'warga.kemang', TOKEN.facebook, TOKEN.instagram])
        expect(log).not.toContain(secret);
      expect(meta.unexpected).toEqual([]);
      const fromServer = outbound.filter((url) => !url.startsWith(base));
      expect(fromServer.length).toBeGreaterThan(0);
      expect(fromServer.every((url) => url.startsWith(meta.url))).toBe(true);
    });
  },
);
