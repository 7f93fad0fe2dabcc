import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normaliseSenderHandle } from '../../src/domain/sender-handle.js';
import { createReport } from '../../src/services/intake/intake.js';
import { ticketsOfSender } from '../../src/store/inbound-repository.js';
import { type TestServer, testServer } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

interface Created {
  ticket: string;
  citizenToken: string;
  status: string;
}
interface ErrorBody {
  error: { code: string; message: { id: string; en: string } };
}

const BODY = { text: 'Sampah menumpuk di depan pasar', lat: -6.1754, lng: 106.8272, category: 'sampah' };

describe.each(testEngines())('one way in: channel-neutral intake, on %s', (engine) => {
  let server: TestServer;
  const post = (json: unknown, key?: string) =>
    fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(json),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Created & ErrorBody }));
  const countWhere = async (table: 'report' | 'inbound_message') =>
    Number(
      (
        await server.ctx.store.db
          .selectFrom(table)
          .select(server.ctx.store.db.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    server = await testServer(engine);
  });
  afterAll(() => server.close());

  test('a POST retried with the same Idempotency-Key returns the first answer and files one report', async () => {
    const before = await countWhere('report');
    const first = await post(BODY, 'kunci-ulang-0001');
    const again = await post(BODY, 'kunci-ulang-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await countWhere('report')).toBe(before + 1);
    const other = await post(BODY, 'kunci-ulang-0002');
    expect(other.body.ticket).not.toBe(first.body.ticket);
  });

  test('the same key with another request is a 422 in both languages, and stores nothing', async () => {
    await post(BODY, 'kunci-beda-0001');
    const before = await countWhere('report');
    const reused = await post({ ...BODY, text: 'Lampu jalan mati' }, 'kunci-beda-0001');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(reused.body.error.message.id).toMatch(/kunci idempoten/i);
    expect(reused.body.error.message.en).toMatch(/idempotency key/i);
    expect(await countWhere('report')).toBe(before);
  });

  test('the same key sent many times at once makes one message and one report', async () => {
    const before = { reports: await countWhere('report'), messages: await countWhere('inbound_message') };
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(BODY, 'kunci-serentak-0001')));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((a) => a.body.ticket)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.citizenToken)).size).toBe(1);
    expect(await countWhere('report')).toBe(before.reports + 1);
    expect(await countWhere('inbound_message')).toBe(before.messages + 1);
  });

  test('every report keeps its message; what it must keep is sealed, and the citizen token is never in clear', async () => {
    const canary = 'Zqxwvutami Kenanga';
    const created = await post(
      { ...BODY, reporter: { name: canary, phone: '0812-7777-6543' } },
      'kunci-segel-0001',
    );
    expect(created.status).toBe(201);
    const message = (ticket: string) =>
      server.ctx.store.db
        .selectFrom('inbound_message as m')
        .innerJoin('report as r', 'r.id', 'm.report_id')
        .select(['m.channel', 'm.sealed', 'm.sender_key', 'm.request_hash'])
        .where('r.ticket', '=', ticket)
        .executeTakeFirstOrThrow();
    const row = await message(created.body.ticket);
    expect(row.channel).toBe('api');
    const sealed = Buffer.from(row.sealed!);
    expect(sealed.includes(Buffer.from('Zqxwvutami'))).toBe(false);
    expect(sealed.includes(Buffer.from(created.body.citizenToken))).toBe(false);
    expect(row.sender_key).toMatch(/^[0-9a-f]{64}$/);
    expect(server.ctx.vault.openValue(row.sealed!)).toEqual({ answer: created.body });
    // without an id nothing can come again: the row records the message, and keeps nothing sealed
    const plain = await post(BODY);
    const bare = await message(plain.body.ticket);
    expect(bare).toMatchObject({ channel: 'api', sealed: null, request_hash: null, sender_key: null });
  });

  test('the same sender, however their number is written, is found again without their identity', async () => {
    const ctx = server.ctx;
    const a = await createReport(ctx, { ...BODY, reporter: { phone: '0813 1212 3434' } }, [], null);
    const b = await createReport(
      ctx,
      { ...BODY, text: 'Got mampet', reporter: { phone: '+62 813-1212-3434' } },
      [],
      null,
    );
    const c = await createReport(ctx, { ...BODY, reporter: { phone: '0813 9999 0000' } }, [], null);
    const key = ctx.vault.senderKeyOf(normaliseSenderHandle('phone', '6281312123434', 'api')!);
    const tickets = await ticketsOfSender(ctx.store.db, key);
    expect(tickets.sort()).toEqual([a.ticket, b.ticket].sort());
    expect(tickets).not.toContain(c.ticket);
  });

  test('a client of the public API can name only its app, web or api channel', async () => {
    const sms = await post({ ...BODY, channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body.error.code).toBe('invalid_channel');
    expect(sms.body.error.message.en).toMatch(/jaki, web, api/);
    expect((await post({ ...BODY, channel: 'merpati' })).status).toBe(400);
    const jaki = await post({ ...BODY, channel: 'jaki' });
    expect(jaki.status).toBe(201);
  });
});

describe('sender handles', () => {
  test('phones in any Indonesian form are one handle; e-mails ignore case; others stay per channel', () => {
    for (const phone of ['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '(0812) 3456.7890'])
      expect(normaliseSenderHandle('phone', phone, 'sms')).toBe('phone:6281234567890');
    expect(normaliseSenderHandle('email', ' Ani@Contoh.ID ', 'email')).toBe('email:ani@contoh.id');
    expect(normaliseSenderHandle('handle', '@Ani_J', 'telegram')).toBe('telegram:@ani_j');
    expect(normaliseSenderHandle('phone', '12', 'sms')).toBeNull();
    expect(normaliseSenderHandle('email', 'bukan-surel', 'email')).toBeNull();
  });
});
