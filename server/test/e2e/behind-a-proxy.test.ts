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

  const signIn = (app: Awaited<ReturnType<typeof buildApp>>, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': forwardedFor },
      payload: { username: 'lurah.proksi', password: PASSWORD },
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
    const app = await buildApp(ctx, { intakePerMinute: 0, trustProxy: ['127.0.0.1'] });
    try {
      // the sign-in limit is 10 a minute per address: one client exhausts its own, another is unaffected
      const first = [];
      for (let i = 0; i < 11; i++) first.push((await signIn(app, '203.0.113.8')).statusCode);
      expect(first.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(first[10]).toBe(429);
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
