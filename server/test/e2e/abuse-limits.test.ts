import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { signInStaff, type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface ErrorBody {
  error: { code: string; message: { id: string; en: string } };
}

const REPORT = {
  text: 'Sampah menumpuk di pinggir kali',
  lat: -6.1754,
  lng: 106.8272,
  category: 'sampah',
};

/** A 429 in the project's shape: Retry-After in seconds, and the same number in both languages' message. */
function expectTooMany(response: Response, body: ErrorBody, what: RegExp) {
  expect(response.status).toBe(429);
  const wait = Number(response.headers.get('retry-after'));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message.id).toMatch(what);
  expect(body.error.message.id).toContain(`coba lagi dalam ${wait} detik`);
  expect(body.error.message.en).toContain(`try again in ${wait} second`);
}

describe.each(testEngines())('limits that hold under abuse, over HTTP, on %s', (engine) => {
  let ctx: TestContext;
  let app: App;
  let url: string;

  beforeAll(async () => {
    ctx = await testContext(engine);
    app = await buildApp(ctx, { intakePerMinute: 4, badCitizenTokensPerMinute: 5, staffWritesPerMinute: 3 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  const call = async (method: string, path: string, options: { json?: unknown; token?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url + path, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    return { response, body: (await response.json()) as ErrorBody & Record<string, unknown> };
  };

  test('anonymous intake from one address: the limit, then a 429 with Retry-After that stores nothing', async () => {
    const statuses: number[] = [];
    let citizenToken = '';
    for (let i = 0; i < 4; i++) {
      const { response, body } = await call('POST', '/api/v1/reports', { json: REPORT });
      statuses.push(response.status);
      citizenToken = String(body.citizenToken);
    }
    expect(statuses).toEqual([201, 201, 201, 201]);
    const count = async () =>
      Number(
        (
          await ctx.store.db
            .selectFrom('report')
            .select(ctx.store.db.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await count();
    const refused = await call('POST', '/api/v1/reports', { json: REPORT });
    expectTooMany(refused.response, refused.body, /Terlalu banyak permintaan/);
    expect(await count()).toBe(before);

    // guessing citizen tokens: unknown ones count against the address; past the limit every request carrying a
    // citizen token is refused, the real one too (a lucky guess looks the same); requests without one are not
    // a route that ignores the token answers the same to any token: no guess can be made there, none is counted
    for (let i = 0; i < 6; i++) {
      const ignored = await call('GET', '/api/v1/public/reports', {
        token: `warga_${randomBytes(24).toString('base64url')}`,
      });
      expect(ignored.response.status).toBe(200);
    }
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++)
      guesses.push(
        (await call('GET', '/api/v1/me/reports', { token: `warga_${randomBytes(24).toString('base64url')}` }))
          .response.status,
      );
    expect(guesses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await call('GET', '/api/v1/me/reports', {
      token: `warga_${randomBytes(24).toString('base64url')}`,
    });
    expectTooMany(sixth.response, sixth.body, /token warga yang tidak dikenal/);
    const real = await call('GET', '/api/v1/me/reports', { token: citizenToken });
    expect(real.response.status).toBe(429);
    expect((await call('GET', '/api/v1/public/reports')).response.status).toBe(200);
  });

  test('a valid citizen token is never counted as a guess', async () => {
    // a fresh server: the address above is blocked for a minute
    const fresh = await buildApp(ctx, { intakePerMinute: 0, badCitizenTokensPerMinute: 2 });
    try {
      const created = await fresh.inject({ method: 'POST', url: '/api/v1/reports', payload: REPORT });
      const token = created.json<{ citizenToken: string }>().citizenToken;
      for (let i = 0; i < 10; i++) {
        const mine = await fresh.inject({
          method: 'GET',
          url: '/api/v1/me/reports',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(mine.statusCode).toBe(200);
      }
    } finally {
      await fresh.close();
    }
  });

  test('staff writes are limited per account: one busy account does not slow a colleague', async () => {
    const server = { ctx, url, close: async () => {} };
    const first = await signInStaff(server, 'petugas.cepat', 'officer', 'kel-3171061001');
    const second = await signInStaff(server, 'petugas.lain', 'officer', 'kel-3171061001');
    // an action on a ticket that does not exist: a write all the same (answered 404 after the count)
    const write = (token: string) =>
      call('POST', '/api/v1/officer/reports/JK2611230999/withdraw-nothing', { token, json: {} });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await write(first)).response.status);
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const refused = await write(first);
    expectTooMany(refused.response, refused.body, /Terlalu banyak tindakan dari akun ini/);
    expect((await write(second)).response.status).not.toBe(429);
    // reads are not writes
    expect((await call('GET', '/api/v1/auth/me', { token: first })).response.status).toBe(200);
  });
});
