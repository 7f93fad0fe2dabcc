import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// The monitoring room's wall screen signs in with an account of its own (role monitor): the city's figures and
// nothing else, so the screen in the operations room is never an administrator's session. Every other staff route
// refuses it with the same plain 403, before reading anything.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TEXT = 'Lampu jalan mati di depan sekolah dasar, gelap sekali setiap malam';

describe.each(testEngines())('a monitoring-room account (%s)', (engine) => {
  let server: TestServer;
  let admin = '';
  let ticket = '';
  const as = (token: string, method: string, path: string, json?: unknown) =>
    call<Json>(server.url, method, path, { token, ...(json !== undefined ? { json } : {}) });

  beforeAll(async () => {
    server = await testServer(engine);
    admin = await signInStaff(server, 'admin-layar', 'admin', 'crm-triage');
    const filed = await call<Json>(server.url, 'POST', '/api/v1/reports', {
      json: { text: TEXT, lat: -6.1754, lng: 106.8272, category: 'penerangan_jalan' },
    });
    expect(filed.status, filed.text).toBe(201);
    ticket = filed.body.ticket;
  });
  afterAll(async () => server?.close());

  test('an administrator makes one; after choosing its password it sees the city’s figures and nothing else', async () => {
    const made = await as(admin, 'POST', '/api/v1/admin/accounts', {
      username: 'layar.ruang.pantau',
      displayName: 'Layar Ruang Pantau',
      role: 'monitor',
      unitId: 'crm-triage',
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.account.role).toBe('monitor');
    const login = await call<Json>(server.url, 'POST', '/api/v1/auth/login', {
      json: { username: 'layar.ruang.pantau', password: made.body.temporaryPassword },
    });
    const token: string = login.body.token;
    const chosen = await as(token, 'POST', '/api/v1/auth/password', {
      currentPassword: made.body.temporaryPassword,
      newPassword: 'layar dinding ruang pantau',
    });
    expect(chosen.status, chosen.text).toBe(200);
    const again = await call<Json>(server.url, 'POST', '/api/v1/auth/login', {
      json: { username: 'layar.ruang.pantau', password: 'layar dinding ruang pantau' },
    });
    const wall: string = again.body.token;

    const me = await as(wall, 'GET', '/api/v1/auth/me');
    expect([me.status, me.body.user.role, me.body.permissions]).toEqual([200, 'monitor', ['monitor.city']]);
    const city = await as(wall, 'GET', '/api/v1/kpi/city');
    expect(city.status, city.text).toBe(200);
    expect(city.text).not.toContain('Lampu jalan mati');
    const unit = await as(wall, 'GET', `/api/v1/kpi/unit?unit=${encodeURIComponent('crm-triage')}`);
    expect(unit.status, unit.text).toBe(200);
  });

  test('every other staff route answers the same plain 403, in both languages, and reads nothing', async () => {
    const wall = await signInStaff(server, 'layar.kedua', 'monitor', 'crm-triage');
    const refused: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/officer/queue'],
      ['GET', `/api/v1/officer/reports/${ticket}`],
      ['GET', '/api/v1/units'],
      ['GET', '/api/v1/officer/notices'],
      ['POST', `/api/v1/officer/reports/${ticket}/process`, { note: 'dicoba dari layar' }],
      ['POST', '/api/v1/officer/intake', { channel: 'walk_in', text: TEXT }],
      ['GET', '/api/v1/admin/accounts'],
      ['GET', '/api/v1/admin/audit'],
      ['GET', '/api/v1/admin/city'],
      ['GET', '/api/v1/admin/jobs/failed'],
      ['GET', '/api/v1/officer/reveal-requests'],
    ];
    for (const [method, path, json] of refused) {
      const answer = await as(wall, method, path, json);
      expect([path, answer.status, answer.body.error?.code]).toEqual([path, 403, 'monitor_only']);
      expect(answer.body.error.message.id).toMatch(/ruang pantau/);
      expect(answer.body.error.message.en).toMatch(/monitoring room/);
      expect(answer.text).not.toContain('Lampu jalan mati');
    }
    // nothing was done to the report on the way
    const view = await as(admin, 'GET', `/api/v1/officer/reports/${ticket}`);
    expect(view.body.status.code ?? view.body.status).toMatch(/menunggu/);
  });
});
