import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GAMBIR = { lat: -6.1754, lng: 106.8272 };

// Why a report is where it is, as sentences an officer reads in both languages (never the rule's raw text),
// and the queue's points for its map.
describe.each(testEngines())('the route, explained, and the queue’s points (%s)', (engine) => {
  let server: TestServer;
  let token = '';
  beforeAll(async () => {
    server = await testServer(engine);
    token = await signInStaff(
      server,
      'lurah',
      'officer',
      server.ctx.city.city.unitByRegion.get('31.71.01.1001')!,
    );
  });
  afterAll(async () => server?.close());

  const report = async (json: Json) => {
    const reply = await call<Json>(server.url, 'POST', '/api/v1/reports', { json });
    expect(reply.status, reply.text).toBe(201);
    return reply.body.ticket as string;
  };
  const view = async (ticket: string, as = token) =>
    (await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${ticket}`, { token: as })).body;
  const raw = /→|routing\.csv|@kota|@kelurahan|_/;

  test('the model’s category and confidence, the place and the rule that named the unit, in plain words', async () => {
    const ticket = await report({
      text: 'pohon besar tumbang menutup jalan, dahannya menimpa kabel listrik',
      ...GAMBIR,
    });
    const v = await view(ticket);
    const why = v.routeExplanation as { id: string; en: string };
    expect(why.id).toMatch(/^Model kategori membaca laporan ini sebagai .+ dengan keyakinan \d+%\./);
    expect(why.en).toMatch(/^The category model read this report as .+ with \d+% confidence\./);
    expect(why.id).toContain('Lokasinya di Kelurahan Gambir, diketahui dari titik GPS-nya.');
    expect(why.en).toContain('It is in Kelurahan Gambir, known from its GPS point.');
    expect(why.id).toMatch(/Aturan kota: laporan .+ (di .+|di mana pun di kota) ditangani .+\./);
    if (v.suggestedUnit) {
      expect(why.id).toContain(`ditangani ${v.suggestedUnit.name}.`);
      expect(why.id).toContain(`Laporan masuk dulu ke ${v.unit.name}`);
      expect(why.en).toContain(`with that unit suggested for koordinasi`);
    }
    expect(why.id).not.toMatch(raw);
    expect(why.en).not.toMatch(raw);

    const fixed = await call<Json>(server.url, 'POST', `/api/v1/officer/reports/${ticket}/recategorise`, {
      token,
      json: { categoryCode: 'listrik' },
    });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.body.routeExplanation.id).toMatch(/^Petugas memperbaiki kategorinya dari .+ menjadi .+\./);
    expect(fixed.body.routeExplanation.en).toMatch(/^An officer corrected its category from .+ to .+\./);
  });

  test('a report chosen by its reporter without a place: the triage desk, said so', async () => {
    const ticket = await report({
      text: 'banyak sampah menumpuk tidak diangkut berhari-hari',
      category: 'sampah',
    });
    const triage = await signInStaff(server, 'triase', 'officer', server.ctx.city.city.config.triageUnitId);
    const why = (await view(ticket, triage)).routeExplanation as { id: string; en: string };
    expect(why.id).toContain('dipilih saat laporan dibuat (bukan oleh model)');
    expect(why.id).toContain('Tempatnya tidak diketahui');
    expect(why.en).toContain('Its place is not known');
    expect(why.id).not.toMatch(raw);
  });

  test('queue rows carry the point (or null) for the queue’s map', async () => {
    const withPoint = await report({ text: 'lampu jalan mati sudah seminggu, gelap sekali', ...GAMBIR });
    const queue = await call<Json>(server.url, 'GET', '/api/v1/officer/queue?limit=100', { token });
    const row = (queue.body.items as Json[]).find((i) => i.ticket === withPoint);
    expect(row?.location).toEqual(GAMBIR);
  });
});
