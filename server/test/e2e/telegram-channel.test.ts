import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { TelegramConfig } from '../../src/channels/telegram/telegram-config.js';
import { commandText, TELEGRAM_WEBHOOK_PATH } from '../../src/channels/telegram/telegram-webhook.js';
import { phonePhoto } from '../support/http.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TOKEN = '123456:ABC-token-uji';
const SECRET = 'rahasia_webhook_uji_0123456789';
const CHAT = 777000111;

/** A local stand-in for the Bot API (getFile, the file address, sendMessage), in its documented shapes. */
async function fakeBotApi(photo: Buffer) {
  const sent: Json[] = [];
  const unexpected: string[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const json = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === `/bot${TOKEN}/getFile`)
        return json(200, { ok: true, result: { file_path: 'photos/p1.jpg', file_size: photo.length } });
      if (req.url === `/file/bot${TOKEN}/photos/p1.jpg`) return res.writeHead(200).end(photo);
      if (req.url === `/bot${TOKEN}/sendMessage`) {
        sent.push(JSON.parse(data) as Json);
        return json(200, { ok: true, result: { message_id: sent.length } });
      }
      unexpected.push(`${req.method} ${req.url}`);
      json(404, { ok: false });
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

describe('Telegram commands as chat keywords', () => {
  test('/start, /cek@bot and plain text', () => {
    expect(commandText('/start')).toBe('info');
    expect(commandText('/cek@SigapBot JK2612070001')).toBe('cek JK2612070001');
    expect(commandText('/lapor jalan rusak')).toBe('lapor jalan rusak');
    expect(commandText('jalan rusak /cek')).toBe('jalan rusak /cek');
  });
});

describe.each(testEngines())('the Telegram channel, with a fake Bot API (%s)', (engine) => {
  let ctx: TestContext;
  let api: Awaited<ReturnType<typeof fakeBotApi>>;
  let server: ChannelServer;
  let base: string;
  let updateId = 0;
  const realFetch = globalThis.fetch;

  const post = async (message: Json, secret: string | null = SECRET) => {
    const response = await realFetch(`${base}${TELEGRAM_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify({ update_id: ++updateId, message: { chat: { id: CHAT }, date: 1, ...message } }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const telegramReports = () =>
    ctx.store.db.selectFrom('report').select(['id', 'ticket']).where('channel', '=', 'telegram').execute();

  beforeAll(async () => {
    api = await fakeBotApi(await phonePhoto(9));
    const config: TelegramConfig = { botToken: TOKEN, secret: SECRET, apiUrl: api.url };
    server = await channelServer(engine, { telegram: config });
    ({ ctx, base } = server);
  });
  afterAll(async () => {
    await server.close();
    await api.close();
  });

  test('a wrong or missing secret is a 401 and stores nothing', async () => {
    expect((await post({ message_id: 1, text: 'Jalan rusak' }, 'salah')).status).toBe(401);
    expect((await post({ message_id: 1, text: 'Jalan rusak' }, null)).status).toBe(401);
    expect(await telegramReports()).toEqual([]);
  });

  test('a photo with a caption becomes a report with its photo; the ticket comes by sendMessage; a retry, or 20 at once, is once', async () => {
    const message = {
      message_id: 10,
      caption: 'Sampah menumpuk di pinggir Kali Ciliwung dekat jembatan Kampung Melayu',
      photo: [
        { file_id: 'kecil', file_size: 100 },
        { file_id: 'besar', file_size: 2000 },
      ],
    };
    const first = await post(message);
    expect(first).toEqual({ status: 200, body: {} });
    await post(message); // Telegram delivers the same message again after a timeout
    // and 20 times at once (the update id changes with each retry; the message is the same)
    const again = await Promise.all(Array.from({ length: 20 }, () => post(message)));
    for (const answer of again) expect(answer.status).toBe(200);
    expect(
      await ctx.store.db
        .selectFrom('inbound_message')
        .select('id')
        .where('channel', '=', 'telegram')
        .execute(),
    ).toHaveLength(1);
    const reports = await telegramReports();
    expect(reports).toHaveLength(1);
    const attachments = await ctx.store.db
      .selectFrom('attachment')
      .select('kind')
      .where('report_id', '=', reports[0]!.id)
      .execute();
    expect(attachments).toEqual([{ kind: 'photo' }]);
    await vi.waitFor(() => expect(api.sent.length).toBeGreaterThanOrEqual(1), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(api.sent).toEqual([
      { chat_id: String(CHAT), text: expect.stringContaining(`No tiket ${reports[0]!.ticket}`) },
    ]);

    const check = await post({ message_id: 11, text: '/cek' });
    expect(check.body).toMatchObject({
      method: 'sendMessage',
      chat_id: CHAT,
      reply_to_message_id: 11,
      text: expect.stringMatching(new RegExp(`^Laporan ${reports[0]!.ticket}: Menunggu, ditangani `)),
    });
  });

  test('a citizen who writes in English is answered in English', async () => {
    const english = { id: 5550002 };
    await post({
      message_id: 30,
      chat: english,
      text: 'The street light in front of the mosque on Jalan Tebet Raya has been broken since last week',
    });
    await vi.waitFor(
      () =>
        expect(
          api.sent.some((m) => m.chat_id === '5550002' && /^Your report was received\. Ticket /.test(m.text)),
        ).toBe(true),
      { timeout: 30_000 },
    );
  });

  test('any update body with the right secret: never a 5xx; a refusal is bilingual', async () => {
    const hostileText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 20 }).map((t) => `${t}\u0000${t}`),
      fc.constantFrom('/cek', '/batal JK0', '/start', 'LAPOR'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            update_id: fc.oneof(fc.integer(), fc.string()),
            message: fc.record(
              {
                message_id: fc.oneof(fc.integer({ min: 1000 }), fc.string()),
                chat: fc.record({ id: fc.oneof(fc.integer(), fc.string()) }),
                text: hostileText,
                location: fc.record({ latitude: fc.double(), longitude: fc.double() }),
              },
              { requiredKeys: ['message_id', 'chat'] },
            ),
          }),
        ),
        async (body) => {
          const response = await realFetch(`${base}${TELEGRAM_WEBHOOK_PATH}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: JSON.stringify(body),
          });
          const answer = (await response.json()) as Json;
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(answer.error.message.id).not.toEqual(answer.error.message.en);
            expect(`${answer.error.message.id} ${answer.error.message.en}`).not.toMatch(/FST_/);
          }
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
  });

  test('a location after the text becomes the open report’s GPS point; alone, it says what to send', async () => {
    const other = { id: 5550001 };
    const alone = await post({
      message_id: 20,
      chat: other,
      location: { latitude: -6.2, longitude: 106.85 },
    });
    expect(alone.body.text).toMatch(/^Lokasi diterima, tetapi belum ada laporan Anda yang terbuka/);
    await post({ message_id: 22, chat: other, text: 'Got mampet, air meluap ke jalan sejak semalam' });
    const located = await post({
      message_id: 23,
      chat: other,
      location: { latitude: -6.2253, longitude: 106.8545 },
    });
    const ticket = /laporan (\S+)\./.exec(located.body.text as string)?.[1];
    expect(located.body.text).toMatch(/^Lokasi ditambahkan ke laporan /);
    const row = await ctx.store.db
      .selectFrom('report')
      .select(['lat', 'lng', 'kelurahan_code', 'text'])
      .where('ticket', '=', ticket!)
      .executeTakeFirstOrThrow();
    expect([row.lat, row.lng]).toEqual([-6.2253, 106.8545]);
    expect(row.kelurahan_code).not.toBeNull();
    expect(row.text).toBe('Got mampet, air meluap ke jalan sejak semalam');
    // the same location delivered again changes nothing more
    const again = await post({
      message_id: 23,
      chat: other,
      location: { latitude: -6.2253, longitude: 106.8545 },
    });
    expect(again.body.text).toBe(located.body.text);
    // another chat asking about that ticket learns nothing about it
    const theirs = await post({ message_id: 24, text: `/cek ${ticket}` });
    expect(theirs.body.text).toBe(
      `Tiket ${ticket} tidak ditemukan di antara laporan yang Anda kirim dari sini. Balas CEK untuk laporan terakhir Anda.`,
    );
    const unknown = await post({ message_id: 25, text: '/cek JK2001010001' });
    expect(unknown.body.text).toMatch(/^Tiket JK2001010001 tidak ditemukan di antara laporan/);
    // the ticket named in a later message joins it (while it waits), even after the chat's window
    const named = await post({
      message_id: 26,
      chat: other,
      text: `Tambahan untuk ${ticket}: baunya menyengat`,
    });
    expect(named.body.text).toBe(
      `Tambahan keterangan diterima untuk laporan ${ticket}. Balas CEK ${ticket} untuk status.`,
    );
    // someone else naming it opens their own report instead
    const stranger = await post({ message_id: 27, text: `Tambahan untuk ${ticket}: ini laporan palsu` });
    expect(JSON.stringify(stranger.body)).not.toContain(ticket);
    const after = await ctx.store.db
      .selectFrom('report')
      .select('text')
      .where('ticket', '=', ticket!)
      .executeTakeFirstOrThrow();
    expect(after.text).toBe(
      'Got mampet, air meluap ke jalan sejak semalam\n\nTambahan untuk ' + ticket + ': baunya menyengat',
    );
    expect((await post({ message_id: 21, text: '/start' })).body.text).toMatch(/^Kirim LAPOR/);
    const bad = await realFetch(`${base}${TELEGRAM_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(api.unexpected).toEqual([]);
    expect(ctx.logLines.join('\n')).not.toContain(String(CHAT));
  });
});
