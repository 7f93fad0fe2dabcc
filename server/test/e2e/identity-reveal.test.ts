import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_REVEAL_RULES as RULES } from '../../src/domain/reveal-request.js';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const REASON = 'Perlu konfirmasi lokasi pasti dari pelapor untuk perbaikan';

describe.each(testEngines())('identity requests over HTTP (%s)', (engine) => {
  let server: TestServer;
  let verifier: string;
  let official: string;
  const report = async (text: string) => {
    const created = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text, lat: -6.1754, lng: 106.8272, category: 'jalan', reporter: { name: 'Warga Uji' } },
    });
    expect(created.status, created.text).toBe(201);
    return created.body.ticket as string;
  };
  const ask = (ticket: string) =>
    call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/reveal-requests`, {
      token: verifier,
      json: { reason: REASON },
    });

  beforeAll(async () => {
    server = await testServer(engine);
    verifier = await signInStaff(server, 'verifikator.uji', 'verifier', 'biro-pemerintahan');
    official = await signInStaff(server, 'kepala.uji', 'reveal_authority', 'up-jsc');
  });
  afterAll(() => server.close());

  test('the official’s inbox lists what waits; the asker’s own list follows it; over the allowance a 429 with Retry-After', async () => {
    const tickets = [];
    for (let i = 0; i < RULES.requestsPerDay; i++)
      tickets.push(await report(`Jalan rusak parah nomor ${i + 1}`));
    for (const ticket of tickets) expect((await ask(ticket)).status).toBe(201);

    const inbox = await call<Json>(server.url, 'GET', '/api/v1/officer/reveal-requests?status=menunggu', {
      token: official,
    });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: Json) => r.ticket).sort()).toEqual([...tickets].sort());
    expect(inbox.body.items[0]).toMatchObject({
      status: 'menunggu',
      reason: REASON,
      requestedBy: { name: 'verifikator.uji', unit: { id: 'biro-pemerintahan' } },
      allowedActions: ['approve', 'refuse'],
    });
    const own = await call<Json>(server.url, 'GET', '/api/v1/officer/reveal-requests', { token: verifier });
    expect(own.body.items).toHaveLength(RULES.requestsPerDay);
    expect(own.body.items.every((r: Json) => r.allowedActions.length === 0)).toBe(true);

    const response = await fetch(
      `${server.url}/api/v1/officer/reports/${await report('Jalan rusak lagi')}/reveal-requests`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${verifier}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: REASON }),
      },
    );
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    const body = (await response.json()) as Json;
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message.id).toMatch(/Batas 3 permintaan/);
    expect(body.error.message.en).toMatch(/limit of 3 identity requests/);
  });

  test('a bad decision body or request id is a bilingual 4xx, never a 5xx', async () => {
    for (const [path, json] of [
      ['/api/v1/officer/reveal-requests/bukan-uuid/decision', { approve: true }],
      ['/api/v1/officer/reveal-requests/0190a5e0-0000-7000-8000-000000000001/decision', { approve: 'ya' }],
      ['/api/v1/officer/reveal-requests/0190a5e0-0000-7000-8000-000000000001/decision', { approve: true }],
    ] as const) {
      const reply = await call<Json>(server.url, 'POST', path, { token: official, json });
      expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.body.error.message.id.length).toBeGreaterThan(3);
      expect(reply.body.error.message.en.length).toBeGreaterThan(3);
    }
    const missing = await call<Json>(
      server.url,
      'GET',
      '/api/v1/officer/reveal-requests/0190a5e0-0000-7000-8000-000000000001/identity',
      { token: verifier },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message.id).toMatch(/tidak ditemukan/);
  });
});
