import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

describe.each(testEngines())('what an account may do, as the API tells it (%s)', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(() => server.close());

  test('GET /api/v1/auth/me lists each role’s permissions, and they match what the server then allows', async () => {
    const accounts = [
      ['lurah.izin', 'officer', ['intake.desk', 'intake.media', 'staff.console']],
      ['verifikator.izin', 'verifier', ['queue.verification', 'monitor.city', 'staff.console']],
      [
        'admin.izin',
        'admin',
        [
          'jobs.manage',
          'intake.desk',
          'intake.media',
          'audit.read',
          'citizen_token.revoke',
          'accounts.manage',
          'monitor.city',
          'city.read',
          'staff.console',
        ],
      ],
      ['pejabat.izin', 'reveal_authority', ['reveal.decide', 'staff.console']],
      ['layar.izin', 'monitor', ['monitor.city']],
    ] as const;
    for (const [username, role, expected] of accounts) {
      const token = await signInStaff(server, username, role, 'kel-3171061001');
      const me = await call<{ permissions: string[]; user: { role: string } }>(
        server.url,
        'GET',
        '/api/v1/auth/me',
        {
          token,
        },
      );
      expect([role, me.status, me.body.permissions]).toEqual([role, 200, expected]);
      const deadLetters = await call(server.url, 'GET', '/api/v1/admin/jobs/failed', { token });
      expect([role, deadLetters.status === 403]).toEqual([role, !expected.includes('jobs.manage' as never)]);
      const city = await call(server.url, 'GET', '/api/v1/admin/city', { token });
      expect([role, city.status]).toEqual([role, expected.includes('city.read' as never) ? 200 : 403]);
    }
  });

  test('admins read the audit trail, newest first, a page at a time; nobody else does', async () => {
    const admin = await signInStaff(server, 'admin.jejak', 'admin', 'kel-3171061001');
    const officer = await signInStaff(server, 'lurah.jejak', 'officer', 'kel-3171061001');
    type Page = {
      items: { id: string; action: string; subject: string | null; hash: string | null }[];
      nextCursor: string | null;
    };
    const first = await call<Page>(server.url, 'GET', '/api/v1/admin/audit?limit=2', { token: admin });
    expect(first.status, first.text).toBe(200);
    expect(first.body.items.map((i) => [i.action, i.subject])).toEqual([
      ['login', 'lurah.jejak'],
      ['user_created', 'lurah.jejak'],
    ]);
    expect(first.body.items.every((i) => /^[0-9a-f]{64}$/.test(i.hash ?? ''))).toBe(true);
    const next = await call<Page>(
      server.url,
      'GET',
      `/api/v1/admin/audit?limit=2&cursor=${first.body.nextCursor}`,
      {
        token: admin,
      },
    );
    expect(next.body.items.map((i) => [i.action, i.subject])).toEqual([
      ['login', 'admin.jejak'],
      ['user_created', 'admin.jejak'],
    ]);
    const refused = await call(server.url, 'GET', '/api/v1/admin/audit', { token: officer });
    expect(refused.status).toBe(403);
  });
});
