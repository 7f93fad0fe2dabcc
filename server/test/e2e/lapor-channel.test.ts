import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { LaporConfig } from '../../src/channels/lapor/lapor-config.js';
import { LAPOR_WEBHOOK_PATH } from '../../src/channels/lapor/lapor-webhook.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { call } from '../support/http.js';
import { expectEveryCallArrivedAt } from '../support/outbound-calls.js';
import { type ChannelServer, channelServer } from '../support/channel-server.js';
import type { TestContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'rahasia-bersama-lapor-uji-0123456789abcdef';
const API_TOKEN = 'token-api-lapor-uji';
const CANARY = {
  name: 'Kenari Laporwati',
  phone: '0813 1708 4455',
  email: 'kenari.lapor@contoh.id',
  nik: '3171015501900007',
};

/**
 * A local stand-in for LAPOR!'s API, speaking the shape of docs/channels/lapor.md: it records each status Sigap
 * sends for a tracking id; anything else (another path, a wrong token) is recorded as unexpected.
 */
async function fakeLapor() {
  const received: Array<{ path: string; key: string | undefined; body: Json }> = [];
  const unexpected: string[] = [];
  const state = { failNext: 0, failed: 0 };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      if (
        req.method !== 'POST' ||
        !/^\/v1\/laporan\/[0-9A-Za-z-]+\/status$/.test(req.url ?? '') ||
        req.headers.authorization !== `Bearer ${API_TOKEN}` ||
        req.headers['content-type'] !== 'application/json'
      ) {
        unexpected.push(`${req.method} ${req.url}`);
        res.writeHead(404).end();
        return;
      }
      if (state.failNext > 0) {
        state.failNext--;
        state.failed++;
        res.writeHead(503).end();
        return;
      }
      received.push({
        path: req.url!,
        key: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(data) as Json,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, unexpected, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const forwarded = (trackingId: string, extra: Json = {}) => ({
  schema: 'sigap.lapor.v1',
  trackingId,
  title: 'Lampu jalan mati',
  content:
    'Lampu penerangan jalan di Jalan Tebet Raya depan masjid mati sejak seminggu, gelap sekali malam hari.',
  topic: 'Infrastruktur',
  location: { address: 'Jalan Tebet Raya, Tebet Timur, Jakarta Selatan' },
  submittedAt: '2026-11-22T20:15:00+07:00',
  anonymous: false,
  confidential: true,
  reporter: CANARY,
  ...extra,
});

describe.each(testEngines())('the SP4N-LAPOR! hand-over, with a fake LAPOR! (%s)', (engine) => {
  let ctx: TestContext;
  let base: string;
  let lapor: Awaited<ReturnType<typeof fakeLapor>>;
  let server: ChannelServer;
  let outbound: string[] = [];
  const realFetch = globalThis.fetch;

  const deliver = async (body: unknown, signature?: string) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await realFetch(`${base}${LAPOR_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lapor-signature': signature ?? `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
      },
      body: raw,
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Json };
  };
  const count = async (table: 'report' | 'inbound_message' | 'reporter_identity') =>
    Number(
      (
        await ctx.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const waitForReceived = (n: number) =>
    vi.waitFor(() => expect(lapor.received.length).toBeGreaterThanOrEqual(n), {
      timeout: 30_000,
      interval: 100,
    });

  beforeAll(async () => {
    lapor = await fakeLapor();
    const config: LaporConfig = { webhookSecret: SECRET, apiUrl: lapor.url, apiToken: API_TOKEN };
    server = await channelServer(engine, { lapor: config }, { 'notify-citizen': { retryDelay: 1 } });
    ({ ctx, base, outbound } = server);
  });
  afterAll(async () => {
    await server.close();
    await lapor.close();
  });

  test('a wrong, missing or stale signature is a 401 and stores nothing', async () => {
    const body = JSON.stringify(forwarded('1916449'));
    const wrongKey = `sha256=${createHmac('sha256', 'another-secret').update(body).digest('hex')}`;
    const tampered = `sha256=${createHmac('sha256', SECRET).update(`${body} `).digest('hex')}`;
    for (const signature of [wrongKey, tampered, 'sha256=abc', '']) {
      const answer = await deliver(body, signature);
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toEqual({
        id: 'Tanda tangan LAPOR! tidak sah',
        en: 'The LAPOR! signature is not valid',
      });
    }
    expect([await count('report'), await count('inbound_message'), await count('reporter_identity')]).toEqual(
      [0, 0, 0],
    );
  });

  test('a signed body of the wrong shape is a bilingual 400 and stores nothing', async () => {
    for (const body of [
      '{not json',
      forwarded('1916450', { schema: 'sigap.lapor.v2' }),
      forwarded('1916450', { confidental: true }),
      forwarded('../1916450'),
      forwarded('1916450', { content: '' }),
    ]) {
      const answer = await deliver(body);
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.error.message.id).not.toEqual(answer.body.error.message.en);
    }
    expect(await count('report')).toBe(0);
  });

  test('the same tracking id forwarded 20 times at once is one report, its identity sealed; LAPOR! hears the ticket once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(forwarded('1916449'))));
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    const tickets = new Set(answers.map((a) => a.body.ticket));
    expect(tickets.size).toBe(1);
    const [ticket] = [...tickets] as [string];
    expect(answers[0]!.body).toEqual({ trackingId: '1916449', ticket, status: 'menunggu' });
    // LAPOR! is not the citizen: no citizen token in its answer
    expect(answers[0]!.text).not.toContain('warga');

    const reports = await ctx.store.db
      .selectFrom('report')
      .select(['ticket', 'channel', 'is_private', 'identity_id'])
      .execute();
    expect(reports).toEqual([
      { ticket, channel: 'lapor', is_private: true, identity_id: expect.any(String) },
    ]);
    const inbound = await ctx.store.db
      .selectFrom('inbound_message')
      .select(['external_id', 'channel'])
      .execute();
    expect(inbound).toEqual([{ external_id: '1916449', channel: 'lapor' }]);
    // the identity is in the vault, sealed: the stored bytes never hold it in clear
    const identity = await ctx.store.db
      .selectFrom('reporter_identity')
      .select('sealed')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(identity.sealed).toString('latin1')).not.toContain('Kenari');
    expect(ctx.vault.open(identity.sealed)).toMatchObject({ name: CANARY.name, nik: CANARY.nik });

    await waitForReceived(1);
    // a moment for any duplicate to show up (none may)
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lapor.received).toEqual([
      {
        path: '/v1/laporan/1916449/status',
        key: `${ticket}:1`,
        body: expect.objectContaining({
          schema: 'sigap.lapor.v1',
          trackingId: '1916449',
          ticket,
          event: 'received',
          status: 'menunggu',
          message: `Laporan diterima dan dicatat dengan No tiket ${ticket}.`,
        }),
      },
    ]);
  });

  test('an officer’s status change goes back to LAPOR!, retried while LAPOR! is down; the reporter reaches no officer, page or log', async () => {
    const { ticket, assigned_unit_id } = await ctx.store.db
      .selectFrom('report')
      .select(['ticket', 'assigned_unit_id'])
      .executeTakeFirstOrThrow();
    await createUser(ctx, {
      username: 'lurah.lapor',
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: assigned_unit_id!,
      displayName: 'Lurah',
    });
    const login = await call<Json>(base, 'POST', '/api/v1/auth/login', {
      json: { username: 'lurah.lapor', password: 'kata-sandi-uji-123' },
    });
    const before = lapor.received.length;
    lapor.state.failNext = 2;
    const processed = await call<Json>(base, 'POST', `/api/v1/officer/reports/${ticket}/process`, {
      token: login.body.token,
      json: { note: 'Tim PJU berangkat' },
    });
    expect(processed.status, processed.text).toBe(200);
    await waitForReceived(before + 1);
    expect(lapor.state.failed).toBe(2);
    const { event_count } = await ctx.store.db
      .selectFrom('report')
      .select('event_count')
      .where('ticket', '=', ticket)
      .executeTakeFirstOrThrow();
    expect(lapor.received.at(-1)).toEqual({
      path: '/v1/laporan/1916449/status',
      key: `${ticket}:${event_count}`,
      body: expect.objectContaining({
        trackingId: '1916449',
        ticket,
        event: 'status_changed',
        status: 'proses',
        statusLabel: { id: 'Proses', en: expect.any(String) },
        message: `Laporan ${ticket}: sedang dikerjakan petugas.`,
      }),
    });
    // never the reporter in what LAPOR! is sent back
    expect(JSON.stringify(lapor.received)).not.toMatch(/Kenari|1708 4455|kenari\.lapor|3171015501900007/);

    const surfaces = [
      (await call(base, 'GET', `/api/v1/officer/reports/${ticket}`, { token: login.body.token })).text,
      (await call(base, 'GET', '/api/v1/officer/queue', { token: login.body.token })).text,
      (await call(base, 'GET', `/api/v1/reports/${ticket}`)).text,
      (await call(base, 'GET', '/api/v1/public/reports')).text,
      (await call(base, 'GET', '/api/v1/public/stats')).text,
      ctx.logLines.join('\n'),
    ];
    for (const surface of surfaces)
      expect(surface).not.toMatch(/Kenari|Laporwati|1708 4455|81317084455|kenari\.lapor|3171015501900007/);
  });

  test('an anonymous hand-over keeps no identity, not even inside the sealed payload', async () => {
    const answer = await deliver(forwarded('2000001', { anonymous: true, confidential: false }));
    expect(answer.status, answer.text).toBe(200);
    const report = await ctx.store.db
      .selectFrom('report')
      .select(['id', 'identity_id', 'is_private', 'is_anonymous'])
      .where('ticket', '=', answer.body.ticket)
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({ identity_id: null, is_private: false, is_anonymous: true });
    const message = await ctx.store.db
      .selectFrom('inbound_message')
      .select('sealed')
      .where('report_id', '=', report.id)
      .executeTakeFirstOrThrow();
    const kept = ctx.vault.openValue(message.sealed!) as Json;
    expect(kept.raw.trackingId).toBe('2000001');
    expect(JSON.stringify(kept)).not.toMatch(/Kenari|1708 4455|3171015501900007/);
  });

  test('every call the server made went to the fake LAPOR!, as LAPOR! expects it', async () => {
    expect(lapor.unexpected).toEqual([]);
    await expectEveryCallArrivedAt(
      outbound,
      base,
      `${lapor.url}/v1/laporan/`,
      () => lapor.received.length + lapor.state.failed,
    );
    expect(lapor.unexpected).toEqual([]);
  });
});
