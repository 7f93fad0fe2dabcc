import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Monas, in Kelurahan Gambir; 1° of latitude ≈ 111,195 m
const MONAS = { lat: -6.1754, lng: 106.8272 };
const north = (meters: number) => ({ lat: MONAS.lat + meters / 111_195, lng: MONAS.lng });

describe.each(testEngines())('duplicates over HTTP (%s)', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(async () => server?.close());

  test('a duplicate is linked, merged by the unit, and its citizen follows the original', async () => {
    const { url } = server;
    const report = async (text: string, meters: number, extra: Json = {}) => {
      const reply = await call<Json>(url, 'POST', '/api/v1/reports', {
        json: { text, ...north(meters), category: 'saluran_air', ...extra },
      });
      expect(reply.status, reply.text).toBe(201);
      return reply.body as { ticket: string; citizenToken: string };
    };
    const original = await report('Saluran air mampet, air meluap ke jalan tiap hujan', 0, {
      reporter: { name: 'Pelapor Pertama', phone: '0812 1111 2222' },
    });
    const duplicate = await report('Got depan rumah tersumbat sampah, banjir kalau hujan', 90);
    const closed = await report('Gorong-gorong di ujung gang jebol', 400);

    const mine = await call<Json>(url, 'GET', `/api/v1/reports/${duplicate.ticket}`, {
      token: duplicate.citizenToken,
    });
    const unitId = mine.body.unit.id;
    const token = await signInStaff(server, 'lurah', 'officer', unitId);
    const post = (ticket: string, action: string, json: Json) =>
      call<Json>(url, 'POST', `/api/v1/officer/reports/${ticket}/${action}`, { token, json });
    const queue = async () =>
      ((await call<Json>(url, 'GET', '/api/v1/officer/queue', { token })).body.items as Json[]).map((i) => [
        i.ticket,
        i.similarCount,
      ]);

    expect(await queue()).toEqual(
      expect.arrayContaining([
        [original.ticket, 1],
        [duplicate.ticket, 1],
      ]),
    );
    const staffView = await call<Json>(url, 'GET', `/api/v1/officer/reports/${duplicate.ticket}`, { token });
    expect(staffView.body.similar).toEqual([
      expect.objectContaining({ ticket: original.ticket, reason: 'nearby', distanceMeters: 90 }),
    ]);
    expect(staffView.body.allowedActions).toContain('merge');
    expect(staffView.text).not.toContain('Pelapor Pertama');
    expect(staffView.text).not.toContain('1111');

    // illegal merges: 4xx with both languages, nothing changes
    expect((await post(closed.ticket, 'reject', { reason: 'Di luar kewenangan' })).status).toBe(200);
    const illegal = [
      [await post(duplicate.ticket, 'merge', { intoTicket: duplicate.ticket }), 400],
      [await post(duplicate.ticket, 'merge', { intoTicket: closed.ticket }), 409],
      [await post(duplicate.ticket, 'merge', { intoTicket: 'JK2611239999' }), 404],
      [await post(duplicate.ticket, 'merge', {}), 400],
      [await post(duplicate.ticket, 'merge', { intoTicket: 'not-a-ticket' }), 400],
    ] as const;
    for (const [reply, status] of illegal) {
      expect(reply.status, reply.text).toBe(status);
      expect(reply.body.error.message.id.length).toBeGreaterThan(5);
      expect(reply.body.error.message.en.length).toBeGreaterThan(5);
    }

    const merged = await post(duplicate.ticket, 'merge', {
      intoTicket: original.ticket,
      note: 'Saluran yang sama',
    });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body.status.code).toBe('digabung');
    expect(merged.body.mergedInto).toMatchObject({ ticket: original.ticket, status: 'menunggu' });
    expect(merged.body.history.at(-1)).toMatchObject({ type: 'merged', intoTicket: original.ticket });
    expect((await queue()).map(([t]) => t)).not.toContain(duplicate.ticket);
    expect((await post(duplicate.ticket, 'merge', { intoTicket: original.ticket })).status).toBe(409);
    const originalView = await call<Json>(url, 'GET', `/api/v1/officer/reports/${original.ticket}`, {
      token,
    });
    expect(originalView.body.history.at(-1)).toMatchObject({
      type: 'merge_received',
      fromTicket: duplicate.ticket,
    });

    // the original moves on; the duplicate's citizen sees it, with the message, and nothing of its reporter
    expect((await post(original.ticket, 'process', { note: 'Tim PPSU dikirim' })).status).toBe(200);
    const followed = await call<Json>(url, 'GET', `/api/v1/reports/${duplicate.ticket}`, {
      token: duplicate.citizenToken,
    });
    expect(followed.status).toBe(200);
    expect(followed.body.status).toMatchObject({ code: 'digabung', label: { id: 'Digabung', en: 'Merged' } });
    expect(followed.body.mergedInto).toMatchObject({
      ticket: original.ticket,
      status: 'proses',
      statusLabel: { id: 'Proses', en: 'In progress' },
      message: {
        id: `Laporan Anda digabung dengan laporan ${original.ticket} yang menangani masalah yang sama; ikuti perkembangannya di sana.`,
        en: expect.stringContaining(original.ticket),
      },
    });
    const progress = followed.body.mergedInto.progress;
    expect(progress.text).toBeNull(); // the original is private
    expect(progress.history.map((h: Json) => h.type)).toEqual([
      'created',
      'merge_received',
      'process_started',
    ]);
    expect(progress.history.at(-1).note).toBe('Tim PPSU dikirim');
    expect(followed.text).not.toContain('Pelapor Pertama');
    expect(followed.text).not.toContain('1111');
    expect(followed.text).not.toContain('meluap');
    expect(followed.body.allowedActions).toEqual([]);

    // the public learns of the (private) duplicate only that it exists and its status, and nothing of the original
    const anonymous = await call<Json>(url, 'GET', `/api/v1/reports/${duplicate.ticket}`);
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body).sort()).toEqual(['notice', 'private', 'status', 'ticket']);
    expect(anonymous.body.status.code).toBe('digabung');
  });
});
