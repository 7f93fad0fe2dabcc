import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call } from '../support/http.js';
import { signInStaff, type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PATH = '/api/v1/officer/intake/media';
const newsItem = {
  text: 'Berita: warga mengeluhkan jalan berlubang di Jalan Kenari Raya yang sudah sebulan tidak diperbaiki',
  url: 'https://megapolitan.koran.example/read/2026/11/22/08123451/jalan-berlubang-di-kenari',
  outlet: 'Koran Contoh',
  publishedOn: '2026-11-22',
  address: 'Gang Kenari, Kenari',
  category: 'jalan',
};

describe.each(testEngines())('media monitoring: a report from a news item (%s)', (engine) => {
  let server: TestServer;
  let officer: string;
  let verifier: string;
  const count = async () =>
    Number(
      (
        await server.ctx.store.db
          .selectFrom('report')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    server = await testServer(engine);
    officer = await signInStaff(server, 'pemantau.media', 'officer', 'kel-3171061001');
    verifier = await signInStaff(server, 'verifikator.media', 'verifier', 'kel-3171061001');
  });
  afterAll(() => server.close());

  test('an officer files it on the media channel, without any identity; staff see its source, the link unmasked', async () => {
    const filed = await call<Json>(server.url, 'POST', PATH, { json: newsItem, token: officer });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.body).toEqual({ ticket: expect.stringMatching(/^JK\d{10}$/), status: 'menunggu' });
    const row = await server.ctx.store.db
      .selectFrom('report')
      .select(['channel', 'identity_id', 'is_anonymous', 'is_private', 'text', 'assigned_unit_id'])
      .where('ticket', '=', filed.body.ticket)
      .executeTakeFirstOrThrow();
    const { assigned_unit_id: unit, ...stored } = row;
    // an officer of the unit it landed at reads it
    const handler = await signInStaff(server, 'penangan.media', 'officer', unit!);
    expect(stored).toEqual({
      channel: 'media_massa',
      identity_id: null,
      is_anonymous: true,
      is_private: false,
      text: newsItem.text,
    });
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${filed.body.ticket}`, {
      token: handler,
    });
    expect(view.status, view.text).toBe(200);
    expect(view.body.newsSource).toEqual({
      url: newsItem.url,
      outlet: 'Koran Contoh',
      publishedOn: '2026-11-22',
    });
    expect(view.body.reporter.anonymous).toBe(true);
    const audit = await server.ctx.store.db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'detail'])
      .where('action', '=', 'media_intake')
      .execute();
    expect(audit).toEqual([
      {
        action: 'media_intake',
        subject: filed.body.ticket,
        detail: { channel: 'media_massa', outlet: 'Koran Contoh' },
      },
    ]);
    // every other report has no news source
    const other = await call<Json>(server.url, 'POST', '/api/v1/officer/intake', {
      json: {
        channel: 'kantor_kelurahan',
        text: 'Jalan berlubang juga',
        address: newsItem.address,
        category: 'jalan',
      },
      token: officer,
    });
    const otherView = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${other.body.ticket}`, {
      token: handler,
    });
    expect(otherView.status, otherView.text).toBe(200);
    expect(otherView.body.newsSource).toBeNull();
  });

  test('the same article again, by any link to it: a 409 naming the first ticket; knowingly another problem: filed; a retry: the first answer', async () => {
    const article = {
      ...newsItem,
      text: 'Berita: lampu jalan di Jalan Kramat Raya padam sepekan, warga takut melintas malam hari',
      url: 'https://www.koran.example/metro/lampu-padam-kramat',
    };
    const first = await call<Json>(server.url, 'POST', PATH, {
      json: article,
      token: officer,
      headers: { 'idempotency-key': 'lampu-kramat-1' },
    });
    expect(first.status, first.text).toBe(201);
    const before = await count();

    const shared = 'http://koran.example/metro/lampu-padam-kramat/?utm_source=whatsapp#komentar';
    const again = await call<Json>(server.url, 'POST', PATH, {
      json: { ...article, url: shared, text: 'Lampu jalan Kramat Raya mati, diberitakan lagi' },
      token: officer,
    });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe('news_filed_before');
    expect(again.body.error.message.id).toContain(first.body.ticket);
    expect(again.body.error.message.en).toContain(first.body.ticket);
    expect(await count()).toBe(before);

    // the client retries the first request under its key: the first answer, not a 409
    const retried = await call<Json>(server.url, 'POST', PATH, {
      json: article,
      token: officer,
      headers: { 'idempotency-key': 'lampu-kramat-1' },
    });
    expect([retried.status, retried.body.ticket]).toEqual([201, first.body.ticket]);

    const another = await call<Json>(server.url, 'POST', PATH, {
      json: {
        ...article,
        url: shared,
        text: 'Dari berita yang sama: trotoar Jalan Kramat Raya amblas dekat halte',
        sameArticleAgain: true,
      },
      token: officer,
    });
    expect(another.status, another.text).toBe(201);
    expect(another.body.ticket).not.toBe(first.body.ticket);
    expect(await count()).toBe(before + 1);
    // staff see the link as it was given, not the key it was matched by
    const { assigned_unit_id: unit } = await server.ctx.store.db
      .selectFrom('report')
      .select('assigned_unit_id')
      .where('ticket', '=', another.body.ticket)
      .executeTakeFirstOrThrow();
    const view = await call<Json>(server.url, 'GET', `/api/v1/officer/reports/${another.body.ticket}`, {
      token: await signInStaff(server, 'penangan.media2', 'officer', unit!),
    });
    expect(view.status, view.text).toBe(200);
    expect(view.body.newsSource).toEqual({ url: shared, outlet: 'Koran Contoh', publishedOn: '2026-11-22' });

    // another article of the same outlet is not the same article
    const other = await call<Json>(server.url, 'POST', PATH, {
      json: { ...article, url: 'https://koran.example/metro/lampu-padam-salemba' },
      token: officer,
    });
    expect(other.status, other.text).toBe(201);
  });

  test('a link that is not http(s), a future day, a verifier, or the desk form naming the media channel: refused, bilingually, nothing stored', async () => {
    const before = await count();
    const refusal = async (json: Json, token = officer) => {
      const answer = await call<Json>(server.url, 'POST', PATH, { json, token });
      return { status: answer.status, code: answer.body.error?.code, message: answer.body.error?.message };
    };
    for (const url of [
      'javascript:alert(1)',
      'ftp://koran.example/berita',
      'data:text/html,<b>hi</b>',
      'koran.example/berita',
      '//koran.example/berita',
      'https://user:sandi@koran.example/berita',
      'http://localhost/berita',
    ]) {
      const answer = await refusal({ ...newsItem, url });
      expect(answer, url).toMatchObject({ status: 400, code: 'invalid_news_url' });
      expect(answer.message.id).not.toEqual(answer.message.en);
    }
    // the test clock's day is 2026-11-23 (Asia/Jakarta)
    expect(await refusal({ ...newsItem, publishedOn: '2026-11-24' })).toMatchObject({
      status: 400,
      code: 'invalid_published_on',
    });
    expect(await refusal({ ...newsItem, publishedOn: '2026-02-30' })).toMatchObject({ status: 400 });
    expect((await refusal(newsItem, verifier)).status).toBe(403);
    const atDesk = await call<Json>(server.url, 'POST', '/api/v1/officer/intake', {
      json: { channel: 'media_massa', text: newsItem.text, reporter: { name: 'Redaksi' } },
      token: officer,
    });
    expect([atDesk.status, atDesk.body.error.code]).toEqual([400, 'invalid_channel']);
    expect(await count()).toBe(before);
  });

  test('any link whose scheme is not http or https is a bilingual 400, never stored (property)', async () => {
    const before = await count();
    const scheme = fc.stringMatching(/^[a-z][a-z0-9+.-]{0,9}$/).filter((s) => s !== 'http' && s !== 'https');
    await fc.assert(
      fc.asyncProperty(scheme, fc.webUrl(), async (s, url) => {
        const answer = await call<Json>(server.url, 'POST', PATH, {
          json: { ...newsItem, url: url.replace(/^https?/, s) },
          token: officer,
        });
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('invalid_news_url');
        expect(answer.body.error.message.id).not.toEqual(answer.body.error.message.en);
      }),
      { numRuns: 30, seed: 20261207 },
    );
    expect(await count()).toBe(before);
  });
});
