import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface ErrorBody {
  error: { code: string; message: { id: string; en: string }; details?: { field: string }[] };
}

/** Every byte of the text's UTF-8 as %XX: what a client sends, whatever the text holds. */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const MULTIPART = { 'content-type': 'multipart/form-data; boundary=XYZ' };

/** Strings with what breaks storage or parsing: NUL, half a surrogate pair, control characters, long text. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0007', '\ufeff'))
    .map(([text, bad]) => `${text}${bad}${text}`),
  fc.constant('jalan rusak di depan pasar'),
);

describe.each(testEngines())(
  'hostile input gets a clear bilingual 4xx and changes nothing (%s)',
  (engine) => {
    let ctx: TestContext;
    let app: App;
    let ticket: string;
    let citizen: string;
    let staff: string;

    async function reportCount(): Promise<number> {
      const row = await ctx.store.db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    beforeAll(async () => {
      ctx = await testContext(engine);
      app = await buildApp(ctx, { intakePerMinute: 0 });
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: { text: 'Jalan rusak di Menteng', category: 'jalan', address: 'Menteng', private: false },
      });
      ({ ticket, citizenToken: citizen } = created.json<{ ticket: string; citizenToken: string }>());
      await createUser(ctx, {
        username: 'lurah.uji',
        password: 'kata-sandi-uji-123',
        role: 'officer',
        unitId: 'kel-3171061001',
        displayName: 'Lurah Uji',
      });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lurah.uji', password: 'kata-sandi-uji-123' },
      });
      staff = login.json<{ token: string }>().token;
    });
    afterAll(async () => {
      await app.close();
      await ctx.close();
    });

    test('each known way to break a request is answered with its own code, in both languages', async () => {
      const asCitizen = { authorization: `Bearer ${citizen}` };
      const cases: [string, InjectOptions, number, string][] = [
        [
          'NUL in the text',
          { method: 'POST', url: '/api/v1/reports', payload: { text: 'a\u0000b' } },
          400,
          'invalid_request',
        ],
        [
          'half a surrogate pair',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: { 'content-type': 'application/json' },
            payload: '{"text":"jalan \\ud800 rusak"}',
          },
          400,
          'invalid_request',
        ],
        [
          'NUL in a reporter field',
          {
            method: 'POST',
            url: '/api/v1/reports',
            payload: { text: 'jalan rusak', reporter: { name: 'A\u0000' } },
          },
          400,
          'invalid_request',
        ],
        [
          'NUL in an edit',
          {
            method: 'PATCH',
            url: `/api/v1/reports/${ticket}`,
            headers: asCitizen,
            payload: { text: 'x\u0000' },
          },
          400,
          'invalid_request',
        ],
        [
          'a boolean rating',
          {
            method: 'POST',
            url: `/api/v1/reports/${ticket}/rating`,
            headers: asCitizen,
            payload: { rating: true },
          },
          400,
          'invalid_request',
        ],
        [
          'a rating as text',
          {
            method: 'POST',
            url: `/api/v1/reports/${ticket}/rating`,
            headers: asCitizen,
            payload: { rating: '5' },
          },
          400,
          'invalid_request',
        ],
        [
          'multipart without a boundary',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: { 'content-type': 'multipart/form-data' },
            payload: 'abc',
          },
          400,
          'invalid_multipart',
        ],
        [
          'multipart cut short',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: MULTIPART,
            payload: '--XYZ\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"text":"a',
          },
          400,
          'invalid_multipart',
        ],
        [
          'multipart with another boundary',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: MULTIPART,
            payload:
              '--ABC\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"text":"a"}\r\n--ABC--\r\n',
          },
          400,
          'invalid_multipart',
        ],
        [
          'an empty file',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: MULTIPART,
            payload:
              '--XYZ\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"text":"jalan rusak"}\r\n' +
              '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\r\n--XYZ--\r\n',
          },
          400,
          'empty_file',
        ],
        [
          'NUL in a query string',
          { method: 'GET', url: '/api/v1/public/reports?category=%00' },
          400,
          'invalid_request',
        ],
        [
          'a path parameter far too long',
          { method: 'GET', url: `/api/v1/reports/JK${'1'.repeat(300)}` },
          414,
          'uri_too_long',
        ],
        [
          'broken JSON',
          {
            method: 'POST',
            url: '/api/v1/reports',
            headers: { 'content-type': 'application/json' },
            payload: '{"text":',
          },
          400,
          'invalid_json',
        ],
        [
          'NUL in a user name',
          { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000', password: 'b' } },
          400,
          'invalid_request',
        ],
      ];
      const before = await reportCount();
      for (const [what, request, status, code] of cases) {
        const reply = await app.inject(request);
        expect([what, reply.statusCode, reply.json<ErrorBody>().error.code]).toEqual([what, status, code]);
        const { message } = reply.json<ErrorBody>().error;
        expect(message.id).not.toEqual(message.en);
        expect(`${message.id} ${message.en}`).not.toMatch(/FST_|Error:|at .*\.(ts|js):\d+/);
      }
      expect(await reportCount()).toBe(before);
    });

    test('an unchosen file input (a nameless empty part) is not an attachment and not an error', async () => {
      const reply = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: MULTIPART,
        payload:
          '--XYZ\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{"text":"lampu jalan mati di Menteng"}\r\n' +
          '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XYZ--\r\n',
      });
      expect(reply.statusCode).toBe(201);
    });

    test('hostile strings in any field of any route: never a 5xx, every refusal bilingual, nothing half-written', async () => {
      const routes = [
        {
          method: 'POST',
          url: '/api/v1/reports',
          auth: {},
          fields: ['text', 'address', 'category', 'channel'],
        },
        { method: 'PATCH', url: `/api/v1/reports/${ticket}`, auth: 'citizen', fields: ['text', 'address'] },
        { method: 'POST', url: `/api/v1/reports/${ticket}/withdraw`, auth: 'citizen', fields: ['reason'] },
        { method: 'POST', url: `/api/v1/reports/${ticket}/reopen`, auth: 'citizen', fields: ['reason'] },
        { method: 'POST', url: '/api/v1/auth/login', auth: {}, fields: ['username', 'password'] },
        { method: 'POST', url: `/api/v1/officer/reports/${ticket}/note`, auth: 'staff', fields: ['note'] },
        {
          method: 'POST',
          url: `/api/v1/officer/reports/${ticket}/coordinate`,
          auth: 'staff',
          fields: ['targetUnitId', 'note'],
        },
        {
          method: 'POST',
          url: `/api/v1/officer/reports/${ticket}/reveal-requests`,
          auth: 'staff',
          fields: ['reason'],
        },
        {
          method: 'POST',
          url: '/api/v1/officer/reveal-requests/0190a5e0-0000-7000-8000-000000000001/decision',
          auth: 'staff',
          fields: ['note'],
        },
      ] as const;
      const headersFor = (auth: (typeof routes)[number]['auth']) =>
        auth === 'citizen'
          ? { authorization: `Bearer ${citizen}` }
          : auth === 'staff'
            ? { authorization: `Bearer ${staff}` }
            : {};
      const before = await reportCount();
      let created = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.dictionary(
            fc.constantFrom(
              'text',
              'address',
              'category',
              'channel',
              'reason',
              'username',
              'password',
              'note',
              'targetUnitId',
              'x',
            ),
            hostileString,
            { maxKeys: 4 },
          ),
          fc.constantFrom('json', 'query'),
          async (route, fields, where) => {
            const url =
              where === 'query'
                ? `/api/v1/public/reports?category=${percentEncoded(fields.category ?? '\u0000')}`
                : route.url;
            const reply = await app.inject({
              method: where === 'query' ? 'GET' : route.method,
              url,
              headers: { ...headersFor(route.auth), 'content-type': 'application/json' },
              ...(where === 'query' ? {} : { payload: JSON.stringify(fields) }),
            });
            expect(reply.statusCode).toBeLessThan(500);
            if (reply.statusCode < 400) {
              if (route.url === '/api/v1/reports' && where === 'json') created++;
              return;
            }
            const { error } = reply.json<ErrorBody>();
            expect(error.message.id.length).toBeGreaterThan(3);
            expect(error.message.en.length).toBeGreaterThan(3);
            expect(`${error.message.id} ${error.message.en}`).not.toMatch(/FST_/);
          },
        ),
        { numRuns: 200, seed: 20261207 },
      );
      expect(await reportCount()).toBe(before + created);
    });
  },
);
