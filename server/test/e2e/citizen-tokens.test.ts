import { DEFAULT_HTTP_OPTIONS } from '../../src/http/http-options.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

interface ErrorBody {
  error: { code: string; message: { id: string; en: string } };
}
type Json = Record<string, unknown>;
const DAY = 86_400_000;
const REPORT = { text: 'Lampu jalan mati di Menteng', address: 'Menteng', category: 'jalan', private: true };

describe.each(testEngines())('citizen tokens over HTTP: rotate, end, revoke, expire (%s)', (engine) => {
  let server: TestServer;
  let admin: string;
  let officer: string;

  const file = async (token?: string) => {
    const reply = await call<{ ticket: string; citizenToken: string }>(
      server.url,
      'POST',
      '/api/v1/reports',
      {
        json: REPORT,
        ...(token ? { token } : {}),
      },
    );
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const view = (ticket: string, token: string) =>
    call<Json>(server.url, 'GET', `/api/v1/reports/${ticket}`, { token });
  const expectRefused = (reply: { status: number; body: unknown }, code: string) => {
    expect(reply.status).toBe(401);
    const { error } = reply.body as ErrorBody;
    expect(error.code).toBe(code);
    expect(error.message.id).not.toEqual(error.message.en);
    expect(error.message.id.length).toBeGreaterThan(20);
    expect(error.message.en.length).toBeGreaterThan(20);
  };

  beforeAll(async () => {
    // the guessing limit (abuse-limits.test.ts) is off here: this file sends many wrong tokens on purpose
    server = await testServer(engine, { ...DEFAULT_HTTP_OPTIONS, badCitizenTokensPerMinute: 0 });
    admin = await signInStaff(server, 'admin.warga', 'admin', 'kel-3171061001');
    officer = await signInStaff(server, 'lurah.warga', 'officer', 'kel-3171061001');
  });
  afterAll(() => server.close());

  test('rotate, then end: the old token is refused at once, saying why, the new one opens the same reports', async () => {
    const first = await file();
    const second = await file(first.citizenToken);
    expect((await view(first.ticket, first.citizenToken)).body.audience).toBe('citizen');

    const rotated = await call<{ citizenToken: string }>(server.url, 'POST', '/api/v1/me/token/rotate', {
      token: first.citizenToken,
    });
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body)).toEqual(['citizenToken']);
    const fresh = rotated.body.citizenToken;
    expectRefused(await view(first.ticket, first.citizenToken), 'citizen_token_replaced');
    expectRefused(
      await call(server.url, 'GET', '/api/v1/me/reports', { token: first.citizenToken }),
      'citizen_token_replaced',
    );
    expect((await view(second.ticket, fresh)).body.audience).toBe('citizen');
    const mine = await call<{ items: { ticket: string }[] }>(server.url, 'GET', '/api/v1/me/reports', {
      token: fresh,
    });
    expect(mine.body.items.map((r) => r.ticket).sort()).toEqual([first.ticket, second.ticket].sort());

    const ended = await call(server.url, 'DELETE', '/api/v1/me/token', { token: fresh });
    expect([ended.status, ended.body]).toEqual([200, { ended: true }]);
    expectRefused(await view(first.ticket, fresh), 'citizen_token_revoked');
    expectRefused(
      await call(server.url, 'POST', `/api/v1/reports/${first.ticket}/withdraw`, { token: fresh, json: {} }),
      'citizen_token_revoked',
    );
    // without a token the report is what the public sees (a private report: a stub)
    expect((await call<Json>(server.url, 'GET', `/api/v1/reports/${first.ticket}`)).body.private).toBe(true);
    // rotation and ending need a token
    expectRefused(await call(server.url, 'POST', '/api/v1/me/token/rotate'), 'not_signed_in');
    expectRefused(await call(server.url, 'DELETE', '/api/v1/me/token'), 'not_signed_in');
  });

  test('an administrator revokes a report’s token (officers may not); the trail has who, which ticket and why', async () => {
    const { ticket, citizenToken } = await file();
    const path = `/api/v1/admin/reports/${ticket}/citizen-token/revoke`;
    const reason = 'Warga menelepon: tokennya terkirim ke grup';
    expect((await call(server.url, 'POST', path, { json: { reason } })).status).toBe(401);
    expect((await call(server.url, 'POST', path, { token: officer, json: { reason } })).status).toBe(403);
    expect((await call(server.url, 'POST', path, { token: admin, json: { reason: 'pendek' } })).status).toBe(
      400,
    );
    expect((await view(ticket, citizenToken)).status).toBe(200);
    const revoked = await call(server.url, 'POST', path, { token: admin, json: { reason } });
    expect([revoked.status, revoked.body]).toEqual([200, { ticket, revoked: true }]);
    const refused = await view(ticket, citizenToken);
    expectRefused(refused, 'citizen_token_revoked');
    expect((refused.body as unknown as ErrorBody).error.message.en).toMatch(/revoked by an administrator/);
    const trail = await call<{ items: Json[] }>(server.url, 'GET', '/api/v1/admin/audit', { token: admin });
    expect(trail.body.items.find((e) => e.action === 'citizen_token_revoked')).toMatchObject({
      subject: ticket,
      reason,
      detail: { revoked: true },
    });
    const me = await call<{ permissions: string[] }>(server.url, 'GET', '/api/v1/auth/me', { token: admin });
    expect(me.body.permissions).toContain('citizen_token.revoke');
  });

  test('a token unused for 180 days, with no report in play, expires with a 401 that says what to do', async () => {
    const { ticket, citizenToken } = await file();
    expect(
      (
        await call(server.url, 'POST', `/api/v1/reports/${ticket}/withdraw`, {
          token: citizenToken,
          json: {},
        })
      ).status,
    ).toBe(200);
    server.ctx.advance(181 * DAY);
    const expired = await view(ticket, citizenToken);
    expectRefused(expired, 'citizen_token_expired');
    expect((expired.body as unknown as ErrorBody).error.message.en).toMatch(
      /180 days.*a new report gives a new token/,
    );
    expectRefused(
      await call(server.url, 'POST', '/api/v1/me/token/rotate', { token: citizenToken }),
      'citizen_token_expired',
    );
  });

  test('any text as a citizen token on every citizen route: never a 5xx; a wrong warga_ token is a bilingual 401', async () => {
    const { ticket, citizenToken } = await file();
    const routes = [
      ['GET', `/api/v1/reports/${ticket}`],
      ['GET', '/api/v1/me/reports'],
      ['POST', '/api/v1/me/token/rotate'],
      ['DELETE', '/api/v1/me/token'],
      ['PATCH', `/api/v1/reports/${ticket}`],
      ['POST', `/api/v1/reports/${ticket}/withdraw`],
    ] as const;
    // intake with a token that opens nothing files nothing (its per-address limit is kept out of the property)
    for (const bad of ['warga_pendek', `warga_${'A'.repeat(43)}`])
      expect(
        (await call<ErrorBody>(server.url, 'POST', '/api/v1/reports', { token: bad, json: REPORT })).body
          .error.code,
      ).toBe(bad === 'warga_pendek' ? 'invalid_citizen_token' : 'unknown_citizen');
    const printable = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 70,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          printable,
          printable.map((s) => `warga_${s}`),
          fc.stringMatching(/^warga_[A-Za-z0-9_-]{43}$/),
        ),
        async ([method, url], token) => {
          fc.pre(token !== citizenToken);
          const reply = await call<ErrorBody>(server.url, method, url, {
            token,
            ...(method === 'GET' || method === 'DELETE'
              ? {}
              : { json: method === 'PATCH' ? { text: 'Lampu jalan mati sejak kemarin malam' } : {} }),
          });
          expect(reply.status).toBeLessThan(500);
          if (token.startsWith('warga_')) {
            expect(reply.status).toBe(401);
            expect(['invalid_citizen_token', 'unknown_citizen']).toContain(reply.body.error.code);
          } else if (reply.status >= 400) {
            expect(reply.body.error.message.id).not.toEqual(reply.body.error.message.en);
          }
        },
      ),
      { numRuns: 120, seed: 20261207 },
    );
    // the real token still works after all that
    expect((await view(ticket, citizenToken)).body.audience).toBe('citizen');
  });
});
