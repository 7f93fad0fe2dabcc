import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { WhatsappConfig } from '../../src/channels/whatsapp/whatsapp-config.js';
import { WHATSAPP_WEBHOOK_PATH } from '../../src/channels/whatsapp/whatsapp-webhook.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call, phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PHONE = '6281398765432';
const PHONE2 = '6285712340987';
const ACCESS_TOKEN = 'EAAG-token-uji';
const APP_SECRET = 'rahasia-aplikasi-meta-uji';
const VERIFY_TOKEN = 'token-verifikasi-uji';
const PHONE_NUMBER_ID = '106540352242922';
const HOUR = 60 * 60 * 1000;

/** A local stand-in for the Graph API (media lookup, media download, messages), in its documented shapes. */
async function fakeGraphApi(photo: Buffer) {
  const sent: Json[] = [];
  const unexpected: string[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const json = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) {
        unexpected.push(`${req.method} ${req.url} without the token`);
        return json(401, { error: { message: 'Invalid OAuth access token', code: 190 } });
      }
      if (req.method === 'GET' && req.url === '/v21.0/MEDIA1')
        return json(200, {
          messaging_product: 'whatsapp',
          url: `${base}/whatsapp_business/attachments/?mid=MEDIA1`,
          mime_type: 'image/jpeg',
          file_size: photo.length,
          id: 'MEDIA1',
        });
      if (req.method === 'GET' && req.url === '/whatsapp_business/attachments/?mid=MEDIA1')
        return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      if (req.method === 'POST' && req.url === `/v21.0/${PHONE_NUMBER_ID}/messages`) {
        const body = JSON.parse(data) as Json;
        sent.push(body);
        return json(200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id: `wamid.out${sent.length}` }],
        });
      }
      unexpected.push(`${req.method} ${req.url}`);
      json(404, { error: { message: 'Unknown path' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    unexpected,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const sign = (body: string, secret = APP_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** One webhook delivery as Meta sends it, with the given messages. */
function delivery(messages: Json[], statuses?: Json[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: messages.map((m) => ({ profile: { name: 'Warga' }, wa_id: m.from })),
              ...(messages.length ? { messages } : {}),
              ...(statuses ? { statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}
const text = (id: string, body: string, from = PHONE) => ({
  from,
  id,
  timestamp: '1795000000',
  type: 'text',
  text: { body },
});

describe.each(testEngines())('the WhatsApp channel, with a fake Graph API (%s)', (engine) => {
  let ctx: TestContext;
  let api: Awaited<ReturnType<typeof fakeGraphApi>>;
  let server: ChannelServer;
  let base: string;
  const realFetch = globalThis.fetch;
  let outbound: string[] = [];

  const post = async (body: unknown, signature: string | null = 'good') => {
    const raw = JSON.stringify(body);
    const response = await realFetch(`${base}${WHATSAPP_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-hub-signature-256': signature === 'good' ? sign(raw) : signature } : {}),
      },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const reports = () =>
    ctx.store.db
      .selectFrom('report')
      .select(['id', 'ticket', 'assigned_unit_id'])
      .where('channel', '=', 'whatsapp')
      .orderBy('created_at')
      .execute();
  const waitForSent = (n: number) =>
    vi.waitFor(() => expect(api.sent.length).toBeGreaterThanOrEqual(n), { timeout: 30_000, interval: 100 });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  const officerOf = async (ticket: string, username: string) => {
    const report = (await reports()).find((r) => r.ticket === ticket)!;
    await createUser(ctx, {
      username,
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: report.assigned_unit_id!,
      displayName: 'Lurah',
    });
    const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
      json: { username, password: 'kata-sandi-uji-123' },
    });
    return login.body.token as string;
  };

  beforeAll(async () => {
    api = await fakeGraphApi(await phonePhoto(11));
    const config: WhatsappConfig = {
      accessToken: ACCESS_TOKEN,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      template: 'status_laporan',
      graphUrl: `${api.url}/v21.0`,
    };
    server = await channelServer(engine, { whatsapp: config }, { 'notify-citizen': { retryDelay: 1 } });
    ({ ctx, base, outbound } = server);
  });
  afterAll(async () => {
    await server.close();
    await api.close();
  });

  test('the verification handshake echoes the challenge only for the right verify token', async () => {
    const verify = (query: Record<string, string>) =>
      realFetch(`${base}${WHATSAPP_WEBHOOK_PATH}?${new URLSearchParams(query)}`);
    const ok = await verify({
      'hub.mode': 'subscribe',
      'hub.verify_token': VERIFY_TOKEN,
      'hub.challenge': '1158201444',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1158201444');
    for (const query of [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'salah', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
    ] as Record<string, string>[]) {
      const refused = await verify(query);
      expect(refused.status).toBe(403);
      const { error } = (await refused.json()) as Json;
      expect(error.message.id).toMatch(/token verifikasi/i);
      expect(error.message.en).toMatch(/verify token/i);
    }
  });

  test('a forged, missing or stale signature is a 401 and stores nothing; a signed non-delivery is a 400', async () => {
    const body = delivery([text('wamid.forged', 'Jalan rusak parah di Jalan Tebet Raya')]);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, sign(JSON.stringify(body), 'rahasia-lain'))).status).toBe(401);
    const forged = await post(body, sign(JSON.stringify({ ...body, object: 'x' })));
    expect(forged.status).toBe(401);
    expect(forged.body.error.message.id).toMatch(/tanda tangan/i);
    expect((await post({ object: 'whatsapp_business_account', entry: 'x' })).status).toBe(400);
    const nul = await post(delivery([text('wamid.nul', 'Jalan\u0000rusak di Jalan Tebet Raya')]));
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body.error)).toMatch(/NUL/);
    const notJson = await realFetch(`${base}${WHATSAPP_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign('{nope') },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(await reports()).toEqual([]);
    expect(await ctx.store.db.selectFrom('inbound_message').selectAll().execute()).toEqual([]);
    expect(api.sent).toEqual([]);
  });

  test('a text → one report and one ticket message, even delivered 20 times at once; status updates are ignored', async () => {
    const body = delivery([
      text(
        'wamid.HBgLNjI4MTM5ODc2NTQzMhUCABIYFjNFQjA',
        'Lampu jalan mati di Jalan Tebet Raya depan masjid, gelap sekali',
      ),
    ]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(body)));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: {} });
    const [report] = await reports();
    expect(await reports()).toHaveLength(1);
    await waitForSent(1);
    await settle(); // a moment for any duplicate message to show up (none may)
    expect(api.sent).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: PHONE,
        type: 'text',
        text: { preview_url: false, body: expect.stringContaining(`No tiket ${report!.ticket}`) },
      },
    ]);
    const read = await post(delivery([], [{ id: 'wamid.out1', status: 'read', recipient_id: PHONE }]));
    expect(read).toEqual({ status: 200, body: {} });
    expect(api.sent).toHaveLength(1);
  });

  test('one delivery with a photo and a CEK: a report with the photo, and the CEK answered by the Graph API', async () => {
    const before = api.sent.length;
    const [first] = await reports();
    const answer = await post(
      delivery([
        {
          from: PHONE2,
          id: 'wamid.image1',
          timestamp: '1795000100',
          type: 'image',
          image: {
            id: 'MEDIA1',
            caption: 'Sampah menumpuk di pinggir Kali Ciliwung dekat jembatan Kampung Melayu',
            mime_type: 'image/jpeg',
          },
        },
        text('wamid.cek1', 'cek'),
      ]),
    );
    expect(answer.status).toBe(200);
    const all = await reports();
    expect(all).toHaveLength(2);
    const attachments = await ctx.store.db
      .selectFrom('attachment')
      .select('kind')
      .where('report_id', '=', all[1]!.id)
      .execute();
    expect(attachments).toEqual([{ kind: 'photo' }]);
    await waitForSent(before + 2);
    await settle();
    const texts = api.sent.slice(before).map((m) => ({ to: m.to, body: m.text.body as string }));
    expect(texts).toHaveLength(2);
    expect(texts).toContainEqual({
      to: PHONE,
      body: expect.stringMatching(new RegExp(`^Laporan ${first!.ticket}: Menunggu`)),
    });
    expect(texts).toContainEqual({ to: PHONE2, body: expect.stringContaining(`No tiket ${all[1]!.ticket}`) });
  });

  test('a status change within 24 hours is a text; after 24 hours without a message it is the template', async () => {
    const [first, second] = await reports();
    const officer = await officerOf(first!.ticket, 'lurah.wa1');
    let before = api.sent.length;
    const processed = await call<Json>(base, 'POST', `/api/v1/officer/reports/${first!.ticket}/process`, {
      token: officer,
      json: { note: 'Tim PJU berangkat' },
    });
    expect(processed.status, processed.text).toBe(200);
    await waitForSent(before + 1);
    expect(api.sent.at(-1)).toMatchObject({
      to: PHONE,
      type: 'text',
      text: { body: `Laporan ${first!.ticket}: sedang dikerjakan petugas.` },
    });

    ctx.advance(25 * HOUR); // the second sender has written nothing for 25 hours: the window is closed
    const officer2 = await officerOf(second!.ticket, 'lurah.wa2');
    before = api.sent.length;
    const late = await call<Json>(base, 'POST', `/api/v1/officer/reports/${second!.ticket}/process`, {
      token: officer2,
      json: { note: 'Petugas kebersihan dijadwalkan' },
    });
    expect(late.status, late.text).toBe(200);
    await waitForSent(before + 1);
    expect(api.sent.at(-1)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: PHONE2,
      type: 'template',
      template: {
        name: 'status_laporan',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: second!.ticket },
              { type: 'text', text: 'sedang dikerjakan petugas.' },
            ],
          },
        ],
      },
    });
    const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${second!.ticket}`, {
      token: officer2,
    });
    expect(view.text).not.toContain('85712340987');
  });

  test('any signed body, however hostile: never a 5xx; a refusal is bilingual', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 20 }).map((t) => `${t}\u0000${t}`),
      fc.constantFrom('cek', 'BATAL JK0', 'LAPOR', ''),
    );
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc
            .array(
              fc.record(
                {
                  from: fc.oneof(fc.constant('6281100000001'), hostile, fc.integer()),
                  id: fc.oneof(
                    hostile,
                    fc.constant('wamid.x').map((id) => `${id}${++serial}`),
                  ),
                  type: fc.constantFrom('text', 'image', 'location', 'audio', 'reaction', 'sticker'),
                  text: fc.record({ body: hostile }),
                },
                { requiredKeys: ['type'] },
              ),
              { maxLength: 3 },
            )
            .map((messages) => delivery(messages)),
        ),
        async (body) => {
          const answer = await post(body);
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.body.error.message.id).not.toEqual(answer.body.error.message.en);
            expect(`${answer.body.error.message.id} ${answer.body.error.message.en}`).not.toMatch(/FST_/);
          }
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
  });

  test('a location message after the text becomes the report’s GPS point, answered through the Graph API', async () => {
    const phone = '6281277770001';
    await post(delivery([text('wamid.loc-text', 'Pohon tumbang menghalangi jalan di depan rumah', phone)]));
    const before = api.sent.length;
    const location = {
      from: phone,
      id: 'wamid.loc-point',
      timestamp: '1795000200',
      type: 'location',
      location: { latitude: -6.2253, longitude: 106.8545, name: 'Rumah' },
    };
    await Promise.all(Array.from({ length: 3 }, () => post(delivery([location]))));
    const row = await ctx.store.db
      .selectFrom('report as r')
      .innerJoin('inbound_message as m', 'm.report_id', 'r.id')
      .select(['r.ticket', 'r.lat', 'r.lng'])
      .where('m.external_id', '=', 'wamid.loc-point')
      .executeTakeFirstOrThrow();
    expect([row.lat, row.lng]).toEqual([-6.2253, 106.8545]);
    await vi.waitFor(
      () =>
        expect(api.sent.map((m) => m.text?.body)).toContain(
          `Lokasi ditambahkan ke laporan ${row.ticket}. Balas CEK ${row.ticket} untuk status.`,
        ),
      { timeout: 30_000 },
    );
    expect(api.sent.length).toBeGreaterThan(before);
  });

  test('the numbers are in no log line; every call out went to the fake Graph API with the token', async () => {
    const log = ctx.logLines.join('\n');
    expect(log).not.toContain('81398765432');
    expect(log).not.toContain('85712340987');
    expect(log).not.toContain(ACCESS_TOKEN);
    expect(api.unexpected).toEqual([]);
    const fromServer = outbound.filter((url) => !url.startsWith(base));
    expect(fromServer.length).toBeGreaterThan(0);
    expect(fromServer.every((url) => url.startsWith(api.url))).toBe(true);
  });
});
