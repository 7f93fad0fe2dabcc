import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { components, paths } from '../../../clients/api/sigap-api.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type CitizenView = components['schemas']['CitizenReportView'];

// The generated client (clients/api, npm run api:types) against the real server: if a response stopped
// matching its documented type, this file would no longer type-check (it is part of `npm run typecheck`).
describe.each(testEngines())('the typed client over HTTP (%s)', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(async () => server?.close());

  test('a citizen files and reads their report, the public reads the feed, an officer works the queue', async () => {
    const api = createClient<paths>({ baseUrl: server.url });

    const filed = await api.POST('/api/v1/reports', {
      body: {
        text: 'Lampu jalan mati di depan sekolah, gelap sekali malam hari',
        lat: -6.1754,
        lng: 106.8272,
        category: 'penerangan_jalan',
        private: false,
      },
    });
    expect(filed.response.status).toBe(201);
    if (!filed.data) throw new Error(JSON.stringify(filed.error));
    const { ticket, citizenToken } = filed.data;
    const asCitizen = { Authorization: `Bearer ${citizenToken}` };

    const read = await api.GET('/api/v1/reports/{ticket}', {
      params: { path: { ticket } },
      headers: asCitizen,
    });
    const own = read.data;
    if (!own || !('audience' in own) || own.audience !== 'citizen')
      throw new Error('expected the citizen view');
    const view: CitizenView = own;
    expect(view.text).toContain('Lampu jalan mati');
    expect(view.status.code).toBe('menunggu');
    expect(view.allowedActions).toContain('withdraw');
    expect(Date.parse(view.createdAt)).not.toBeNaN();

    const anyone = await api.GET('/api/v1/reports/{ticket}', { params: { path: { ticket } } });
    if (!anyone.data || !('audience' in anyone.data) || anyone.data.audience !== 'public')
      throw new Error('expected the public view');
    expect(anyone.data.private).toBe(false);
    expect(anyone.data.location).not.toEqual({ lat: -6.1754, lng: 106.8272 });

    const feed = await api.GET('/api/v1/public/reports', { params: { query: { limit: 10 } } });
    const item = feed.data?.items.find((i) => i.ticket === ticket);
    expect(item?.text).toBe('Lampu jalan mati di depan sekolah, gelap sekali malam hari');
    expect(item?.status.label.en).toBe('Waiting');

    const unitId = view.unit?.id;
    if (!unitId) throw new Error('the report has no unit');
    const asOfficer = { Authorization: `Bearer ${await signInStaff(server, 'lurah', 'officer', unitId)}` };
    const queue = await api.GET('/api/v1/officer/queue', { headers: asOfficer, params: { query: {} } });
    const row = queue.data?.items.find((i) => i.ticket === ticket);
    expect(row?.excerpt).toContain('Lampu jalan mati');
    expect(row?.reporter).toMatch(/^Warga-[0-9A-F]{6}$/);

    const acted = await api.POST('/api/v1/officer/reports/{ticket}/process', {
      params: { path: { ticket } },
      headers: asOfficer,
      body: { note: 'Petugas PJU dijadwalkan malam ini' },
    });
    const after = acted.data;
    if (!after || !('audience' in after))
      throw new Error(`expected the staff view: ${JSON.stringify(acted.error)}`);
    expect(after.status.code).toBe('proses');
    expect(after.history.at(-1)?.note).toBe('Petugas PJU dijadwalkan malam ini');
    expect(after.reporter.pseudonym).toBe(row?.reporter);

    const refused = await api.POST('/api/v1/reports/{ticket}/withdraw', {
      params: { path: { ticket } },
      headers: asCitizen,
      body: {},
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.error.message.id).toBeTruthy();
  });
});
