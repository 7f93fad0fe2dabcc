import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type App = Awaited<ReturnType<typeof buildApp>>;
interface ErrorBody {
  error: {
    code: string;
    message: { id: string; en: string };
    details?: Array<{ field: string; message: { id: string; en: string } }>;
  };
}

describe.each(testEngines())('bad input gets a clear 4xx in both languages, on %s', (engine) => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    ctx = await testContext(engine);
    // the fuzzing below files more reports than one address may in a minute
    app = await buildApp(ctx, { intakePerMinute: 0 });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  test('each wrong field is named, with its message in Indonesian first and English second', async () => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { text: 'pohon tumbang', lat: 123, extra: 1 },
    });
    expect(reply.statusCode).toBe(400);
    const { error } = reply.json<ErrorBody>();
    expect(error.message).toEqual({ id: 'Data yang dikirim tidak valid', en: 'The request is not valid' });
    expect(error.details?.[0]).toEqual({
      field: 'extra',
      message: { id: 'tidak boleh memiliki properti tambahan', en: 'must not have additional properties' },
    });
  });

  test('a multipart payload is checked against the same schema, with the same answer', async () => {
    const form = new FormData();
    form.append('payload', JSON.stringify({ text: 'pohon tumbang', lat: 123, lng: 106.8 }));
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: form as never,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.details?.[0]).toEqual({
      field: 'lat',
      message: { id: 'harus <= 90', en: 'must be <= 90' },
    });
  });

  test('any JSON body to intake is answered 201 or a 4xx with both languages, never a 5xx or a stack', async () => {
    const before = await ctx.store.db
      .selectFrom('report')
      .select(ctx.store.db.fn.countAll().as('n'))
      .executeTakeFirst();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              text: fc.oneof(fc.string(), fc.constant('pohon tumbang di depan rumah')),
              lat: fc.oneof(fc.double(), fc.constant(-6.1754)),
              lng: fc.oneof(fc.double(), fc.constant(106.8272)),
              category: fc.oneof(fc.string(), fc.constant('pohon')),
              private: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, fc.jsonValue()),
              reporter: fc.oneof(
                { weight: 3, arbitrary: fc.record({ name: fc.string() }, { requiredKeys: [] }) },
                fc.jsonValue(),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const reply = await app.inject({
            method: 'POST',
            url: '/api/v1/reports',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          if (reply.statusCode === 201) {
            created++;
            return;
          }
          expect(reply.statusCode).toBeGreaterThanOrEqual(400);
          expect(reply.statusCode).toBeLessThan(500);
          const { error } = reply.json<ErrorBody>();
          expect(error.message.id.length).toBeGreaterThan(3);
          expect(error.message.en.length).toBeGreaterThan(3);
          expect(reply.body).not.toMatch(/at .*\.(ts|js):\d+/);
        },
      ),
      { numRuns: 150, seed: 20261206 },
    );
    const after = await ctx.store.db
      .selectFrom('report')
      .select(ctx.store.db.fn.countAll().as('n'))
      .executeTakeFirst();
    // nothing half-written: exactly the accepted bodies became reports, and some were accepted
    expect(created).toBeGreaterThan(0);
    expect(Number(after?.n) - Number(before?.n)).toBe(created);
  });

  test('intake is rate-limited per address, with a bilingual 429 that stores nothing', async () => {
    const limited = await buildApp(ctx, { intakePerMinute: 3 });
    try {
      const post = () =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/reports',
          payload: {
            text: 'sampah menumpuk di pinggir kali',
            lat: -6.1754,
            lng: 106.8272,
            category: 'sampah',
          },
        });
      for (let i = 0; i < 3; i++) expect((await post()).statusCode).toBe(201);
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
      const refused = await post();
      expect(refused.statusCode).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.json<ErrorBody>().error).toMatchObject({
        code: 'rate_limited',
        message: {
          id: `Terlalu banyak permintaan; coba lagi dalam ${wait} detik`,
          en: `Too many requests; try again in ${wait} second${wait === 1 ? '' : 's'}`,
        },
      });
      expect(await count()).toBe(before);
    } finally {
      await limited.close();
    }
  });
});
