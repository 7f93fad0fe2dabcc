import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// The city's configuration for administrators (GET /api/v1/admin/city): what the server loaded from the data
// folder at start, in plain words; read-only; nobody else.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(testEngines())('the city configuration, read-only (%s)', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(async () => server?.close());

  test('an administrator reads categories, routing in words and the time limits of the loaded city', async () => {
    const admin = await signInStaff(server, 'admin.kota', 'admin', 'crm-triage');
    const res = await call<Json>(server.url, 'GET', '/api/v1/admin/city', { token: admin });
    expect(res.status, res.text).toBe(200);
    const { city } = server.ctx.city;
    expect(res.body.city).toEqual({ id: 'jakarta', name: 'DKI Jakarta', timeZone: 'Asia/Jakarta' });
    expect(res.body.dataFolder).toBe(city.dir);
    expect(res.body.categories).toHaveLength(city.categories.size);
    expect(res.body.categories.find((c: Json) => c.code === 'jalan')).toEqual({
      code: 'jalan',
      name: { id: 'Jalan rusak / berlubang', en: 'Roads' },
      sector: 'bina-marga',
      routesTo: {
        id: 'Suku Dinas bidang bina-marga di kota/kabupaten tempat laporan',
        en: 'the agency branch (suku dinas) for bina-marga of the report’s city or regency (kota)',
      },
      exceptions: 0,
    });
    const pungli = res.body.categories.find((c: Json) => c.code === 'pungli');
    expect(pungli.routesTo.id).toBe(city.units.get('inspektorat')!.name);
    expect(res.body.categories.find((c: Json) => c.code === 'transportasi_publik').exceptions).toBe(1);
    expect(res.body.routingRules).toHaveLength(city.routingRules.length);
    const seribu = res.body.routingRules.find((r: Json) => r.regionCode === '31.01');
    expect(seribu.words.id).toMatch(
      /^Laporan "Transportasi publik, halte, JPO" di .* \(31\.01\) dikirim ke Suku Dinas/,
    );
    expect(seribu.source).toMatch(/^routing\.csv:\d+ transportasi_publik,31\.01,/);
    expect(res.body.timeLimits.find((t: Json) => t.category === 'banjir')).toEqual({
      category: 'banjir',
      responseHours: 2,
      completionHours: 24,
      clock: 'calendar',
    });
    expect(res.body.workCalendar).toMatchObject({ workdays: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' });
    expect(res.body.escalation).toEqual({ afterOverdueHours: 16, clock: 'working' });
  });

  test('nobody else: 401 without a session, 403 for an officer, a verifier and the reveal official', async () => {
    expect((await call(server.url, 'GET', '/api/v1/admin/city')).status).toBe(401);
    for (const role of ['officer', 'verifier', 'reveal_authority'] as const) {
      const token = await signInStaff(server, `bukan.admin.${role.replace('_', '-')}`, role, 'crm-triage');
      const res = await call<Json>(server.url, 'GET', '/api/v1/admin/city', { token });
      expect([role, res.status]).toEqual([role, 403]);
      expect(res.body.error.message.id).toMatch(/^Hanya administrator/);
    }
  });
});
