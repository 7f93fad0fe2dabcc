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
      ['lurah.izin', 'officer', ['intake.desk']],
      ['verifikator.izin', 'verifier', ['queue.verification']],
      ['admin.izin', 'admin', ['jobs.manage', 'intake.desk']],
      ['pejabat.izin', 'reveal_authority', ['report.reveal_identity']],
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
    }
  });
});
