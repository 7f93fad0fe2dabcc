import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { smsSegments } from '../../src/channels/sms/sms-text.js';
import { TWILIO_WEBHOOK_PATH, type TwilioConfig } from '../../src/channels/sms/twilio.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { fakeSmsGateway } from '../support/fake-sms-gateway.js';
import { expectEveryCallArrivedAt } from '../support/outbound-calls.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PHONE = '+6281398765432';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'token-rahasia-gateway-uji';

/** Twilio's signature, computed as its documentation describes (not with the library the server uses). */
function sign(url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', TOKEN).update(data).digest('base64');
}

describe.each(testEngines())('the SMS channel, with a fake gateway (%s)', (engine) => {
  let ctx: TestContext;
  let base: string;
  let gateway: Awaited<ReturnType<typeof fakeSmsGateway>>;
  let server: ChannelServer;
  let config: TwilioConfig;
  let serial = 0;
  const realFetch = globalThis.fetch;
  let outbound: string[] = [];

  const deliver = async (text: string, options: { sid?: string; signed?: boolean } = {}) => {
    const params = {
      MessageSid: options.sid ?? `SMin${++serial}`,
      AccountSid: ACCOUNT,
      From: PHONE,
      To: '1708',
      Body: text,
    };
    const signature =
      options.signed === false
        ? 'bm90LWEtc2lnbmF0dXJl'
        : sign(`${config.publicUrl}${TWILIO_WEBHOOK_PATH}`, params);
    const response = await realFetch(`${base}${TWILIO_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    return { status: response.status, text: await response.text() };
  };
  const reportsBy = () =>
    ctx.store.db.selectFrom('report').select(['ticket', 'status']).where('channel', '=', 'sms').execute();
  const waitForSent = (n: number) =>
    vi.waitFor(() => expect(gateway.sent.length).toBeGreaterThanOrEqual(n), {
      timeout: 30_000,
      interval: 100,
    });

  beforeAll(async () => {
    gateway = await fakeSmsGateway(ACCOUNT, TOKEN);
    config = {
      accountSid: ACCOUNT,
      authToken: TOKEN,
      from: '1708',
      apiUrl: gateway.url,
      publicUrl: 'https://lapor.example.go.id',
    };
    // notify-citizen retried after a second, not ten: the gateway is down on purpose below
    server = await channelServer(engine, { sms: config }, { 'notify-citizen': { retryDelay: 1 } });
    ({ ctx, base, outbound } = server);
  });
  afterAll(async () => {
    await server.close();
    await gateway.close();
  });

  test('a forged or malformed delivery is refused and stores nothing', async () => {
    const forged = await deliver('LAPOR jalan rusak', { signed: false });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.message).toMatchObject({
      id: expect.stringMatching(/tanda tangan/i),
    });
    const empty = await realFetch(`${base}${TWILIO_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&a=2',
    });
    expect(empty.status).toBe(400);
    expect(await reportsBy()).toEqual([]);
    expect(await ctx.store.db.selectFrom('inbound_message').selectAll().execute()).toEqual([]);
  });

  test('LAPOR → one report and its ticket by SMS, even when the gateway delivers it 20 times at once', async () => {
    const text = 'LAPOR lampu jalan mati di Jalan Tebet Raya depan masjid, gelap sekali';
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(text, { sid: 'SMlapor1' })));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/<Response\/>|<Response><\/Response>/);
    }
    const reports = await reportsBy();
    expect(reports).toHaveLength(1);
    const ticket = reports[0]!.ticket;
    await waitForSent(1);
    // a moment for any duplicate notification to show up (none may)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(gateway.sent).toEqual([
      { to: PHONE, from: '1708', body: expect.stringContaining(`No tiket ${ticket}`) },
    ]);

    const check = await deliver('cek');
    expect(check.text).toContain(`Laporan ${ticket}: Menunggu`);
    const byTicket = await deliver(`CEK ${ticket.toLowerCase()}`);
    expect(byTicket.text).toContain(`Laporan ${ticket}: Menunggu`);
  });

  test('an officer’s status change reaches the phone; BATAL works only while nobody has acted', async () => {
    const { ticket } = (await reportsBy())[0]!;
    const report = await ctx.store.db
      .selectFrom('report')
      .select('assigned_unit_id')
      .where('ticket', '=', ticket)
      .executeTakeFirstOrThrow();
    await createUser(ctx, {
      username: 'lurah.sms',
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: report.assigned_unit_id!,
      displayName: 'Lurah',
    });
    const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
      json: { username: 'lurah.sms', password: 'kata-sandi-uji-123' },
    });
    const before = gateway.sent.length;
    // the gateway is down for the first two tries: the job retries until it is sent
    gateway.state.failNext = 2;
    const processed = await call<Json>(base, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: login.body.token,
      json: { note: 'Tim PJU berangkat' },
    });
    expect(processed.status, processed.text).toBe(200);
    await waitForSent(before + 1);
    expect(gateway.state.failed).toBe(2);
    expect(gateway.sent.at(-1)).toEqual({
      to: PHONE,
      from: '1708',
      body: `Laporan ${ticket}: sedang dikerjakan petugas.`,
    });
    // the officer sees the sender only as a pseudonym
    const view = await call<Json>(base, 'GET', `/api/v1/officer/reports/${ticket}`, {
      token: login.body.token,
    });
    expect(view.text).not.toContain('81398765432');

    const late = await deliver(`BATAL ${ticket}`);
    expect(late.text).toContain(`Laporan ${ticket} tidak dapat dibatalkan`);

    await deliver('LAPOR sampah menumpuk di pinggir kali Ciliwung dekat jembatan', { sid: 'SMlapor2' });
    const second = (await reportsBy()).find((r) => r.ticket !== ticket)!;
    const cancelled = await deliver(`BATAL ${second.ticket}`);
    expect(cancelled.text).toContain(`Laporan ${second.ticket} sudah dibatalkan`);
    expect((await reportsBy()).find((r) => r.ticket === second.ticket)?.status).toBe('dicabut');
    // a ticket that is not this phone's: the first one with its last digit changed to one neither of its reports has
    const mine = [ticket, second.ticket];
    const notMineTicket = [...'0123456789']
      .map((digit) => `${ticket.slice(0, -1)}${digit}`)
      .find((candidate) => !mine.includes(candidate))!;
    const notMine = await deliver(`BATAL ${notMineTicket}`);
    expect(notMine.text).toContain('Hanya laporan yang Anda kirim dari sini');
  });

  test('any signed form, however hostile its fields: never a 5xx; a refusal is bilingual; an answer is TwiML', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\u0007', '\ufeff'))
        .map(([text, bad]) => `${text}${bad}${text}`),
      fc.string({ minLength: 1600, maxLength: 1700 }),
      fc.constantFrom('LAPOR', 'CEK', 'BATAL JK0', 'cek jk 261207 0001'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ MessageSid: hostile, From: hostile, Body: hostile }, { requiredKeys: [] }),
        async (fields) => {
          const params = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
          const response = await realFetch(`${base}${TWILIO_WEBHOOK_PATH}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-twilio-signature': sign(`${config.publicUrl}${TWILIO_WEBHOOK_PATH}`, params),
            },
            body: new URLSearchParams(params),
          });
          const text = await response.text();
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            const { error } = JSON.parse(text) as { error: { message: { id: string; en: string } } };
            expect(error.message.id).not.toEqual(error.message.en);
            expect(`${error.message.id} ${error.message.en}`).not.toMatch(/FST_/);
          } else expect(text).toMatch(/^<\?xml/);
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
  });

  test('every SMS sent fits two segments; the number is in no log line; nothing left the machine', async () => {
    for (const { body } of gateway.sent) expect(smsSegments(body).segments).toBeLessThanOrEqual(2);
    const log = ctx.logLines.join('\n');
    expect(log).not.toContain('81398765432');
    expect(gateway.unexpected).toEqual([]);
    // besides this test's own calls to the server, the only calls were to the gateway (the second report's
    // ticket SMS, whose sending no test waits for, may still be on its way)
    await expectEveryCallArrivedAt(
      outbound,
      base,
      gateway.url,
      () => gateway.sent.length + gateway.state.failed,
    );
    expect(gateway.unexpected).toEqual([]);
  });
});
