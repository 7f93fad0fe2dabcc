import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, phonePhoto, photoForm } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// Monas, in Kelurahan Gambir, Jakarta Pusat
const MONAS = { lat: -6.1754, lng: 106.8272 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('a report from intake to Selesai over HTTP (%s)', (engine) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  async function staff(username: string, role: 'officer' | 'verifier', unitId: string) {
    tokens[username] = await signInStaff(server, username, role, unitId);
  }

  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(async () => server?.close());

  test('create → Menunggu → Koordinasi → Proses → follow-up → returned → follow-up → Selesai → rating → reopen', async () => {
    const { url, ctx } = server;
    const created = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: {
        text: 'Jalan berlubang besar di depan halte, motor sering jatuh',
        ...MONAS,
        category: 'jalan',
        private: false,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.ticket).toMatch(/^JK261123\d{4}$/);
    expect(created.body.status).toBe('menunggu');
    const { ticket, citizenToken } = created.body;

    const mine = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(mine.status).toBe(200);
    expect(mine.body.kelurahan.code).toBe('31.71.01.1001');
    const kelurahanUnit = mine.body.unit.id;
    const suggested = mine.body.suggestedUnit.id;
    expect(suggested).not.toBe(kelurahanUnit);
    expect(mine.body.allowedActions).toEqual(expect.arrayContaining(['edit', 'withdraw']));

    await staff('lurah', 'officer', kelurahanUnit);
    await staff('sudin', 'officer', suggested);
    await staff('verif', 'verifier', ctx.city.city.config.verifierUnitId);

    const queue = await call<Json>(url, 'GET', '/api/v1/officer/queue', { token: tokens.lurah });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: Json) => i.ticket)).toContain(ticket);

    const act = (who: string, action: string, json: object = {}) =>
      call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/${action}`, { token: tokens[who], json });

    const coordinated = await act('lurah', 'coordinate', {
      targetUnitId: suggested,
      note: 'Kewenangan Sudin Bina Marga',
    });
    expect(coordinated.status).toBe(200);
    expect(coordinated.body.status.code).toBe('koordinasi');

    // the kelurahan can no longer act; the Suku Dinas can
    expect((await act('lurah', 'process')).status).toBe(403);
    const processing = await act('sudin', 'process', { note: 'Tim dijadwalkan besok pagi' });
    expect(processing.body.status.code).toBe('proses');

    // a follow-up needs evidence
    expect((await act('sudin', 'follow-up', { note: 'Sudah ditambal' })).status).toBe(400);
    const followUp = (note: string, seed: number) =>
      phonePhoto(seed).then((photo) =>
        call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/follow-up`, {
          token: tokens.sudin,
          form: photoForm({ note }, [photo]),
        }),
      );
    const first = await followUp('Lubang sudah ditambal aspal', 1);
    expect(first.status).toBe(200);
    expect(first.body.status.code).toBe('menunggu_validasi');

    const verifierQueue = await call<Json>(url, 'GET', '/api/v1/officer/queue', { token: tokens.verif });
    expect(verifierQueue.body.items.map((i: Json) => i.ticket)).toContain(ticket);
    const returned = await act('verif', 'return', { note: 'Foto tidak menunjukkan lokasi yang dilaporkan' });
    expect(returned.body.status.code).toBe('proses');

    const second = await followUp('Foto ulang dari lokasi yang benar', 2);
    expect(second.body.status.code).toBe('menunggu_validasi');
    const approved = await act('verif', 'approve');
    expect(approved.body.status.code).toBe('selesai');

    const rated = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/rating`, {
      token: citizenToken,
      json: { rating: 4, comment: 'Cepat, terima kasih' },
    });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toBe(4);
    const ratedTwice = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/rating`, {
      token: citizenToken,
      json: { rating: 5 },
    });
    expect(ratedTwice.status).toBe(409);

    ctx.advance(3 * 86_400_000);
    const reopened = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/reopen`, {
      token: citizenToken,
      json: { reason: 'Lubangnya muncul lagi setelah hujan' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status.code).toBe('menunggu');
    expect(reopened.body.unit.id).toBe(suggested);
    expect(reopened.body.reopenCount).toBe(1);

    const history = reopened.body.history.map((h: Json) => h.type);
    expect(history).toEqual([
      'created',
      'coordinated',
      'process_started',
      'followed_up',
      'returned',
      'followed_up',
      'approved',
      'rated',
      'reopened',
    ]);
    // evidence is visible to the citizen, as metadata-free copies
    expect(reopened.body.attachments.filter((a: Json) => a.role === 'evidence')).toHaveLength(2);
  });

  test('illegal transitions and bad input get clear 4xx answers and change nothing', async () => {
    const { url } = server;
    const created = await call<Json>(url, 'POST', '/api/v1/reports', {
      json: { text: 'Sampah menumpuk', ...MONAS, category: 'sampah' },
    });
    const { ticket, citizenToken } = created.body;
    const before = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });

    const rating = await call<Json>(url, 'POST', `/api/v1/reports/${ticket}/rating`, {
      token: citizenToken,
      json: { rating: 5 },
    });
    expect(rating.status).toBe(409);
    expect(rating.body.error.message.id).toMatch(/Menunggu/);
    expect(rating.text).not.toMatch(/at .*\.ts/);

    const cases: Array<[string, string, object, number]> = [
      ['POST', '/api/v1/reports', { text: '' }, 400],
      ['POST', '/api/v1/reports', { text: 'x', lat: 999, lng: 1 }, 400],
      ['POST', '/api/v1/reports', { text: 'Di luar kota', lat: -6.6, lng: 106.8 }, 422],
      ['POST', '/api/v1/reports', { text: 'x', ...MONAS, category: 'bukan_kategori' }, 400],
      ['POST', '/api/v1/reports', { text: 'x', ...MONAS, reporter: { nik: '3171000000000000' } }, 400],
      ['POST', '/api/v1/reports', { text: 'x', ...MONAS, anonymous: true, reporter: { name: 'Budi' } }, 400],
      ['POST', '/api/v1/reports', { text: 'setengah koordinat', lat: -6.2 }, 400],
      ['POST', `/api/v1/reports/${ticket}/reopen`, { reason: 'belum selesai' }, 409],
    ];
    for (const [method, path, json, status] of cases) {
      const reply = await call<Json>(url, method, path, { json, token: citizenToken });
      expect(reply.status, `${path} ${JSON.stringify(json)}`).toBe(status);
      expect(reply.body.error.message.id.length).toBeGreaterThan(5);
      expect(reply.body.error.message.en.length).toBeGreaterThan(5);
    }
    const garbled = await fetch(`${url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(garbled.status).toBe(400);
    const notFound = await call<Json>(url, 'GET', '/api/v1/reports/JK2611239999');
    expect(notFound.status).toBe(404);

    const after = await call<Json>(url, 'GET', `/api/v1/reports/${ticket}`, { token: citizenToken });
    expect(after.body.history).toEqual(before.body.history);
  });

  test('serves its OpenAPI document, docs and health', async () => {
    const health = await call<Json>(server.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    const doc = await call<Json>(server.url, 'GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports', '/api/v1/officer/queue']),
    );
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);
  });

  test('logs one access line per request, by route pattern: no ticket, no query string', async () => {
    const before = server.ctx.logLines.length;
    const reply = await call<Json>(server.url, 'GET', '/api/v1/reports/JK2611239999?token=rahasia');
    expect(reply.status).toBe(404);
    const lines = server.ctx.logLines.slice(before).map((line) => JSON.parse(line) as Json);
    expect(lines.filter((l) => l.msg === 'request')).toEqual([
      expect.objectContaining({ method: 'GET', route: '/api/v1/reports/:ticket', status: 404 }),
    ]);
    expect(lines.map((l) => l.msg)).not.toContain('incoming request');
    const text = server.ctx.logLines.slice(before).join('\n');
    expect(text).not.toContain('JK2611239999');
    expect(text).not.toContain('rahasia');
  });
});

describe('sign-in', () => {
  test('wrong passwords get 401, and guessing one account is stopped after five with a 429 that says when', async () => {
    const server = await testServer(testEngines()[0] ?? 'embedded');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const response = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'tidak.ada', password: `tebakan-${i}` }),
        });
        statuses.push(response.status);
        const body = (await response.json()) as Json;
        if (response.status === 429) {
          expect(body.error.message.id).toMatch(/Terlalu banyak percobaan masuk yang gagal untuk akun ini/);
          expect(body.error.message.en).toMatch(/try again in 15 minutes/);
          expect(response.headers.get('retry-after')).toBe('900');
        }
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await server.close();
    }
  });
});
