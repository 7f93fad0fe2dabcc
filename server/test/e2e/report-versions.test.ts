import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GAMBIR = { lat: -6.1754, lng: 106.8272 };

// The version an officer saw (the view's `version`, also its ETag) goes back as If-Match; a report changed
// since is refused with 409 saying what changed, and nothing is written.
describe.each(testEngines())('report versions and If-Match (%s)', (engine) => {
  let server: TestServer;
  let unitId = '';
  let first = '';
  let second = '';
  beforeAll(async () => {
    server = await testServer(engine);
    unitId = server.ctx.city.city.unitByRegion.get('31.71.01.1001')!;
    first = await signInStaff(server, 'lurah.satu', 'officer', unitId);
    second = await signInStaff(server, 'lurah.dua', 'officer', unitId);
  });
  afterAll(async () => server?.close());

  const newReport = async (text: string) => {
    const reply = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text, ...GAMBIR, category: 'jalan' },
    });
    expect(reply.status, reply.text).toBe(201);
    return reply.body.ticket as string;
  };
  const view = (ticket: string, token = first) =>
    call<Json>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, { token });
  const act = (ticket: string, action: string, json: Json, token: string, ifMatch?: string) =>
    call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/${action}`, {
      token,
      json,
      ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
    });

  test('two officers act on the same version at once: exactly one wins, the other hears who and what', async () => {
    for (let round = 0; round < 4; round++) {
      const ticket = await newReport(`Jalan berlubang besar di depan sekolah, putaran ${round}`);
      const seen = await view(ticket);
      expect(seen.body.version).toBe(1);
      expect(seen.headers.get('etag')).toBe('"1"');
      const replies = await Promise.all([
        act(ticket, 'process', { note: 'Saya tangani' }, first, '"1"'),
        act(ticket, 'reject', { reason: 'Bukan kewenangan kami' }, second, '"1"'),
      ]);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, replies.map((r) => r.text).join('\n')).toEqual([200, 409]);
      const winner = replies.find((r) => r.status === 200)!;
      const loser = replies.find((r) => r.status === 409)!;
      expect(winner.body.version).toBe(2);
      expect(winner.headers.get('etag')).toBe('"2"');
      const status = winner.body.status.label as { id: string; en: string };
      const { message } = loser.body.error as { message: { id: string; en: string } };
      expect(message.id).toContain(`Status laporan sekarang: ${status.id}`);
      expect(message.en).toContain(`The report’s status is now: ${status.en}`);
      expect(message.id).toMatch(/oleh petugas /);
      expect(message.en).toMatch(/by an officer of /);
      // one event written, by the winner alone
      const after = await view(ticket);
      expect(after.body.version).toBe(2);
      expect(after.body.history).toHaveLength(2);
    }
  });

  test('a stale version is refused for every kind of action, and nothing is written', async () => {
    const ticket = await newReport('Jalan rusak dan berlubang dekat halte, bahaya untuk motor');
    const target = await newReport('Aspal mengelupas di jalan kampung dekat masjid, berlubang');
    expect((await act(ticket, 'note', { note: 'Dicek besok pagi' }, second)).status).toBe(200);
    const stale = [
      await act(ticket, 'process', {}, first, '"1"'),
      await act(ticket, 'merge', { intoTicket: target }, first, '"1"'),
      await act(ticket, 'recategorise', { categoryCode: 'saluran_air' }, first, '"1"'),
      await act(ticket, 'reject', { reason: 'Ganda' }, first, 'W/"1"'),
    ];
    for (const reply of stale) {
      expect(reply.status, reply.text).toBe(409);
      expect(reply.body.error.code).toBe('stale_version');
      expect(reply.body.error.message.id).toContain('"Catatan ditambahkan"');
      expect(reply.body.error.message.en).toContain('Your action was not saved');
    }
    expect((await view(ticket)).body.version).toBe(2);
    // the version seen now goes through; `*` and no header act on whatever is current
    expect((await act(ticket, 'process', {}, first, '"2"')).status).toBe(200);
    expect((await act(ticket, 'note', { note: 'Tanpa versi' }, first)).status).toBe(200);
    expect((await act(ticket, 'note', { note: 'Versi apa saja' }, first, '*')).status).toBe(200);
    expect((await view(ticket)).body.version).toBe(5);
  });

  test('an officer who may not read the report learns nothing from a version (404, never 409)', async () => {
    const ticket = await newReport('Jalan amblas di tikungan, perlu diperbaiki segera');
    const other = await signInStaff(server, 'petugas.pln', 'officer', 'pln');
    const reply = await act(ticket, 'note', { note: 'x' }, other, '"7"');
    expect(reply.status, reply.text).toBe(404);
  });

  test('property: any If-Match answers 200 only for the current version (or *), 409 for another, 400 else', async () => {
    const ticket = await newReport('Jalan retak panjang di depan pasar, air menggenang');
    let version = 1;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: 40 }).map((n) => `"${n}"`),
          fc.constantFrom('current', '*', 'W/current'),
          fc.string({ maxLength: 12 }),
        ),
        async (raw) => {
          const header = raw.replace('current', `"${version}"`);
          const reply = await act(ticket, 'note', { note: 'Catatan uji versi' }, first, header);
          const parsed = /^\s*(?:W\/)?(?:"([0-9]{1,9})"|([0-9]{1,9}))\s*$/.exec(header);
          const expected =
            header.trim() === '*' || (parsed && Number(parsed[1] ?? parsed[2]) === version)
              ? 200
              : parsed
                ? 409
                : 400;
          expect(reply.status, `${JSON.stringify(header)}: ${reply.text}`).toBe(expected);
          if (reply.status === 200) {
            expect(reply.body.version).toBe(version + 1);
            version += 1;
          } else {
            expect(reply.body.error.message.id.length).toBeGreaterThan(10);
            expect(reply.body.error.message.en.length).toBeGreaterThan(10);
          }
          expect((await view(ticket)).body.version).toBe(version);
        },
      ),
      { numRuns: 40 },
    );
  });
});
