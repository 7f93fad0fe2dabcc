import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configFromEnv } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const PASSWORD = 'kata-sandi-uji-123';

describe.each(testEngines())('behind a TLS reverse proxy (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
    await createUser(ctx, {
      username: 'lurah.proksi',
      password: PASSWORD,
      displayName: 'Lurah',
      role: 'officer',
      unitId: 'kel-3171061001',
    });
  });
  afterAll(() => ctx.close());

  const signIn = (
    app: Awaited<ReturnType<typeof buildApp>>,
    forwardedFor: string,
    credentials = { username: 'lurah.proksi', password: PASSWORD },
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': forwardedFor },
      payload: credentials,
    });

  test('a trusted proxy’s https makes the session cookie Secure; an untrusted one’s header is ignored', async () => {
    const trusting = await buildApp(ctx, { intakePerMinute: 0, trustProxy: ['127.0.0.1'] });
    const ignoring = await buildApp(ctx, { intakePerMinute: 0 });
    try {
      const behind = await signIn(trusting, '203.0.113.7');
      const direct = await signIn(ignoring, '203.0.113.7');
      expect([behind.statusCode, direct.statusCode]).toEqual([200, 200]);
      expect(String(behind.headers['set-cookie'])).toMatch(/; Secure/);
      expect(String(direct.headers['set-cookie'])).not.toMatch(/; Secure/);
    } finally {
      await trusting.close();
      await ignoring.close();
    }
  });

  test('per-address limits count each client behind the proxy, not the proxy', async () => {
    const app = await buildApp(ctx, {
      intakePerMinute: 0,
      trustProxy: ['127.0.0.1'],
      signIn: { accountFailures: 5, addressFailures: 8 },
    });
    try {
      // signing in correctly is never counted: many sign-ins from one client all pass
      for (let i = 0; i < 12; i++) expect((await signIn(app, '203.0.113.8')).statusCode).toBe(200);
      // failures on many names use up that client's budget, and only that client's
      const sprayed = [];
      for (let i = 0; i < 9; i++)
        sprayed.push(
          (await signIn(app, '203.0.113.8', { username: `tebakan.${i}`, password: 'salah-salah-salah' }))
            .statusCode,
        );
      expect(sprayed).toEqual([...Array(8).fill(401), 429]);
      const refused = await signIn(app, '203.0.113.8');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({
        error: {
          code: 'too_many_sign_ins',
          message: {
            id: expect.stringMatching(/alamat jaringan/),
            en: expect.stringMatching(/network address/),
          },
        },
      });
      expect((await signIn(app, '203.0.113.9')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('SIGAP_TRUST_PROXY takes addresses and CIDR ranges, and refuses anything else in both languages', () => {
    expect(configFromEnv({ SIGAP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(configFromEnv({}).trustProxy).toBe(false);
    expect(() => configFromEnv({ SIGAP_TRUST_PROXY: 'semua' })).toThrow(
      /bukan alamat IP.*not an IP address/s,
    );
  });
});
