import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { XConfig } from '../../src/channels/x/x-config.js';
import { X_WEBHOOK_PATH } from '../../src/channels/x/x-webhook.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CITY_ID = '2244994945';
const CITIZEN_ID = '3001969357';
const TWEETER_ID = '1503927384051230720';
const CONSUMER_KEY = 'kunci-konsumen-uji';
const CONSUMER_SECRET = 'rahasia-konsumen-uji';
const ACCESS_TOKEN = '2244994945-token-akses-uji';

/** A local stand-in for the X API v2 (DM send, posts) and its DM media host, checking OAuth 1.0a headers. */
async function fakeX(photo: Buffer) {
  const dms: Array<{ to: string; text: string }> = [];
  const posts: Json[] = [];
  const unexpected: string[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const json = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const auth = req.headers.authorization ?? '';
      if (
        !auth.startsWith('OAuth ') ||
        !auth.includes(`oauth_consumer_key="${encodeURIComponent(CONSUMER_KEY)}"`) ||
        !auth.includes(`oauth_token="${encodeURIComponent(ACCESS_TOKEN)}"`) ||
        !auth.includes('oauth_signature_method="HMAC-SHA1"')
      ) {
        unexpected.push(`${req.method} ${req.url} without OAuth 1.0a`);
        return json(401, { title: 'Unauthorized', status: 401 });
      }
      if (req.method === 'GET' && req.url === '/ton/dm/photo.jpg')
        return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(req.url ?? '');
      if (req.method === 'POST' && dm) {
        dms.push({ to: dm[1]!, text: (JSON.parse(data) as Json).text });
        return json(201, {
          data: { dm_conversation_id: `${CITY_ID}-${dm[1]}`, dm_event_id: `${dms.length}` },
        });
      }
      if (req.method === 'POST' && req.url === '/2/tweets') {
        const body = JSON.parse(data) as Json;
        posts.push(body);
        return json(201, { data: { id: `17000000000000${posts.length}`, text: body.text } });
      }
      unexpected.push(`${req.method} ${req.url}`);
      json(404, { title: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dms,
    posts,
    unexpected,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const sign = (body: string, secret = CONSUMER_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

const dmEvent = (id: string, text: string, from = CITIZEN_ID, media?: string) => ({
  for_user_id: CITY_ID,
  direct_message_events: [
    {
      type: 'message_create',
      id,
      created_timestamp: '1795000000000',
      message_create: {
        target: { recipient_id: from === CITY_ID ? CITIZEN_ID : CITY_ID },
        sender_id: from,
        message_data: {
          text,
          entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
          ...(media
            ? { attachment: { type: 'media', media: { type: 'photo', media_url_https: media } } }
            : {}),
        },
      },
    },
  ],
  users: {},
});
const postEvent = (id: string, text: string, extra: Json = {}) => ({
  for_user_id: CITY_ID,
  tweet_create_events: [
    {
      created_at: 'Mon Dec 07 03:00:00 +0000 2026',
      id: Number(id),
      id_str: id,
      text,
      user: { id: Number(TWEETER_ID), id_str: TWEETER_ID, screen_name: 'warga_jkt' },
      entities: { user_mentions: [{ screen_name: 'DKIJakarta', id_str: CITY_ID }] },
      ...extra,
    },
  ],
});

describe.each(testEngines())('the X channel, with a fake X API (%s)', (engine) => {
  let ctx: TestContext;
  let x: Awaited<ReturnType<typeof fakeX>>;
  let server: ChannelServer;
  let base: string;
  let outbound: string[] = [];
  const realFetch = globalThis.fetch;

  const post = async (body: unknown, signature: string | null = 'good') => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await realFetch(`${base}${X_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature
          ? { 'x-twitter-webhooks-signature': signature === 'good' ? sign(raw) : signature }
          : {}),
      },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const reports = () =>
    ctx.store.db
      .selectFrom('report')
      .select(['id', 'ticket', 'text', 'assigned_unit_id'])
      .where('channel', '=', 'twitter')
      .orderBy('created_at')
      .execute();

  beforeAll(async () => {
    x = await fakeX(await phonePhoto(17));
    const config: XConfig = {
      consumerKey: CONSUMER_KEY,
      consumerSecret: CONSUMER_SECRET,
      accessToken: ACCESS_TOKEN,
      accessTokenSecret: 'rahasia-token-uji',
      userId: CITY_ID,
      apiUrl: x.url,
      mediaHosts: ['127.0.0.1'],
    };
    server = await channelServer(engine, { twitter: config }, { 'notify-citizen': { retryDelay: 1 } });
    ({ ctx, base, outbound } = server);
  });
  afterAll(async () => {
    await server.close();
    await x.close();
  });

  test('the CRC challenge is answered with the HMAC of the token; a bad signature is a 401; bad bodies 4xx; nothing stored', async () => {
    const crc = await realFetch(`${base}${X_WEBHOOK_PATH}?crc_token=Y3JjLXVqaQ`);
    expect(crc.status).toBe(200);
    expect(await crc.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', CONSUMER_SECRET).update('Y3JjLXVqaQ').digest('base64')}`,
    });
    const noToken = await realFetch(`${base}${X_WEBHOOK_PATH}`);
    expect(noToken.status).toBe(400);
    expect(((await noToken.json()) as Json).error.message.id).toMatch(/crc_token wajib/);

    const body = dmEvent('954491830116155001', 'Jalan berlubang di Jalan Tebet Raya');
    expect((await post(body, null)).status).toBe(401);
    const forged = await post(body, sign(JSON.stringify(body), 'rahasia-lain'));
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toEqual({
      id: 'Tanda tangan webhook tidak sah',
      en: 'The webhook signature is not valid',
    });
    expect((await post('{nope')).status).toBe(400);
    expect((await post({ ...body, for_user_id: '1' })).status).toBe(400);
    expect((await post({ for_user_id: CITY_ID, direct_message_events: [{ id: 'x' }] })).status).toBe(400);
    expect((await post(dmEvent('954491830116155002', 'x'.repeat(600 * 1024)))).status).toBe(413);
    expect(await ctx.store.db.selectFrom('inbound_message').selectAll().execute()).toEqual([]);
    expect([x.dms, x.posts]).toEqual([[], []]);
  });

  test('a DM with a photo, delivered 20 times at once: one message, one report, the ticket by DM', async () => {
    const body = dmEvent(
      '954491830116155396',
      'Lampu jalan mati di Jalan Tebet Raya depan masjid https://t.co/abc123',
      CITIZEN_ID,
      `${x.url}/ton/dm/photo.jpg`,
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(body)));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: {} });
    const [report] = await reports();
    expect(await reports()).toHaveLength(1);
    expect(report!.text).toBe('Lampu jalan mati di Jalan Tebet Raya depan masjid');
    expect(
      await ctx.store.db
        .selectFrom('attachment')
        .select('kind')
        .where('report_id', '=', report!.id)
        .execute(),
    ).toEqual([{ kind: 'photo' }]);
    // the city's own DM (an echo) is no report
    await post(dmEvent('954491830116155397', 'Terima kasih', CITY_ID));
    await vi.waitFor(() => expect(x.dms.length).toBeGreaterThanOrEqual(1), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(x.dms).toEqual([{ to: CITIZEN_ID, text: expect.stringContaining(`No tiket ${report!.ticket}`) }]);
    const cek = await post(dmEvent('954491830116155398', 'CEK'));
    expect(cek.status).toBe(200);
    expect(x.dms.at(-1)).toEqual({
      to: CITIZEN_ID,
      text: expect.stringMatching(new RegExp(`^Laporan ${report!.ticket}: Menunggu`)),
    });
  });

  test('a post mentioning the city is a report answered under the post; a status change too; reposts are nothing', async () => {
    const mention = postEvent(
      '1869000000000000001',
      '@DKIJakarta Sampah menumpuk di pinggir Kali Ciliwung dekat jembatan Kampung Melayu',
    );
    expect((await post(mention)).status).toBe(200);
    await post(postEvent('1869000000000000002', 'RT @warga: sampah', { retweeted_status: { id_str: '1' } }));
    const mine = await reports();
    expect(mine).toHaveLength(2);
    const report = mine[1]!;
    expect(report.text).toBe('Sampah menumpuk di pinggir Kali Ciliwung dekat jembatan Kampung Melayu');
    await vi.waitFor(() => expect(x.posts.length).toBeGreaterThanOrEqual(1), { timeout: 30_000 });
    expect(x.posts[0]).toEqual({
      text: expect.stringContaining(`No tiket ${report.ticket}`),
      reply: { in_reply_to_tweet_id: '1869000000000000001' },
    });
    expect([...x.posts[0]!.text].length).toBeLessThanOrEqual(280);

    await createUser(ctx, {
      username: 'lurah.x',
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: report.assigned_unit_id!,
      displayName: 'Lurah',
    });
    const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
      json: { username: 'lurah.x', password: 'kata-sandi-uji-123' },
    });
    const acted = await call<Json>(base, 'POST', `/api/v1/officer/reports/${report.ticket}/process`, {
      token: login.body.token,
      json: { note: 'Petugas kebersihan berangkat' },
    });
    expect(acted.status, acted.text).toBe(200);
    await vi.waitFor(() => expect(x.posts.length).toBeGreaterThanOrEqual(2), { timeout: 30_000 });
    expect(x.posts[1]).toEqual({
      text: `Laporan ${report.ticket}: sedang dikerjakan petugas.`,
      reply: { in_reply_to_tweet_id: '1869000000000000001' },
    });
    const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${report.ticket}`, {
      token: login.body.token,
    });
    expect(JSON.stringify(view.body)).not.toContain(TWEETER_ID);
    // the queue filtered by channel
    const byX = await call<Json>(base, 'GET', '/api/v1/officer/queue?channel=twitter', {
      token: login.body.token,
    });
    expect(byX.body.items.map((i: Json) => i.ticket)).toContain(report.ticket);
    const bySms = await call<Json>(base, 'GET', '/api/v1/officer/queue?channel=sms', {
      token: login.body.token,
    });
    expect(bySms.body.items).toEqual([]);
    const bad = await call<Json>(base, 'GET', '/api/v1/officer/queue?channel=X%20Y', {
      token: login.body.token,
    });
    expect(bad.status).toBe(400);
  });

  test('the public statistics count the channel: volume, time to first reply, failed sends', async () => {
    const stats = await call<Json>(base, 'GET', '/api/v1/public/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.byChannel.twitter).toEqual({
      reports: 2,
      last30Days: 2,
      averageMinutesToFirstReply: expect.any(Number),
      failedSends: 0,
    });
    expect(stats.body.byChannel.twitter.averageMinutesToFirstReply).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(stats.body)).not.toContain(CITIZEN_ID);
  });

  test('any signed body, however hostile: never a 5xx; a refusal is bilingual', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc
            .record({
              text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('CEK', 'BATAL JK0', 'LAPOR', '')),
              from: fc.constantFrom(CITIZEN_ID, CITY_ID, '12'),
            })
            .map(({ text, from }) => dmEvent(`8${++serial}`, text, from)),
        ),
        async (body) => {
          const answer = await post(body);
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400)
            expect(answer.body.error.message.id).not.toEqual(answer.body.error.message.en);
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
  });

  test('no user id or token in any log line; every call out went to the fake X API, signed', async () => {
    const log = ctx.logLines.join('\n');
    for (const secret of [CITIZEN_ID, TWEETER_ID, ACCESS_TOKEN, CONSUMER_SECRET])
      expect(log).not.toContain(secret);
    expect(x.unexpected).toEqual([]);
    const fromServer = outbound.filter((url) => !url.startsWith(base));
    expect(fromServer.length).toBeGreaterThan(0);
    expect(fromServer.every((url) => url.startsWith(x.url))).toBe(true);
  });
});
