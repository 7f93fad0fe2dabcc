import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const walkIn = {
  channel: 'kantor_kelurahan',
  text: 'Warga datang ke kantor: saluran air di Gang Kenari mampet sejak seminggu',
  address: 'Gang Kenari, Kenari',
  category: 'saluran_air',
  private: true,
  reporter: { name: 'Pak Canary Desk', phone: '0812 7777 0001' },
};

describe.each(testEngines())('the desk intake: staff file a report for a citizen (%s)', (engine) => {
  let server: TestServer;
  let officer: string;
  let verifier: string;
  beforeAll(async () => {
    server = await testServer(engine);
    officer = await signInStaff(server, 'meja.kenari', 'officer', 'kel-3171061001');
    verifier = await signInStaff(server, 'verifikator.meja', 'verifier', 'kel-3171061001');
  });
  afterAll(() => server.close());

  test('an officer files a walk-in report on its channel; the citizen can follow it with the token handed over', async () => {
    const filed = await call<{ ticket: string; citizenToken: string }>(
      server.url,
      'POST',
      '/api/v1/officer/intake',
      {
        json: walkIn,
        token: officer,
      },
    );
    expect(filed.status, filed.text).toBe(201);
    const own = await call<{ audience: string; channel: string; text: string }>(
      server.url,
      'GET',
      `/api/v1/reports/${filed.body.ticket}`,
      { token: filed.body.citizenToken },
    );
    expect(own.body).toMatchObject({ audience: 'citizen', channel: 'kantor_kelurahan', text: walkIn.text });
    const audit = await server.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'detail'])
      .where('action', '=', 'desk_intake')
      .execute();
    expect(audit).toEqual([
      {
        action: 'desk_intake',
        subject: filed.body.ticket,
        detail: { channel: 'kantor_kelurahan', withIdentity: true },
      },
    ]);
    // the identity is sealed like any reporter's: not in the audit trail, not in the log
    expect(JSON.stringify(audit)).not.toContain('Canary');
    expect(server.ctx.logLines.join('\n')).not.toContain('Canary');
  });

  test('self-service channels, verifiers and strangers are refused, bilingually, and nothing is filed', async () => {
    const count = async () =>
      Number(
        (
          await server.ctx.store.db
            .selectFrom('report')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const web = await call<{ error: { code: string; message: { id: string; en: string } } }>(
      server.url,
      'POST',
      '/api/v1/officer/intake',
      { json: { ...walkIn, channel: 'web' }, token: officer },
    );
    expect([web.status, web.body.error.code]).toEqual([400, 'invalid_channel']);
    expect(web.body.error.message.en).toContain('kantor_kelurahan');
    const byVerifier = await call(server.url, 'POST', '/api/v1/officer/intake', {
      json: walkIn,
      token: verifier,
    });
    expect(byVerifier.status).toBe(403);
    const anonymous = await call(server.url, 'POST', '/api/v1/officer/intake', { json: walkIn });
    expect(anonymous.status).toBe(401);
    expect(await count()).toBe(before);
  });
});
