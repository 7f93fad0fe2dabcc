import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeVerification } from '../../src/cli/audit.js';
import { linkOlderHistory } from '../../src/services/audit/link-older-history.js';
import { verifyHistory } from '../../src/services/audit/verify.js';
import { act } from '../../src/services/handling/actions.js';
import { requestReveal } from '../../src/services/identity/reveal.js';
import { createUser, login } from '../../src/services/identity/staff-auth.js';
import { createReport } from '../../src/services/intake/intake.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const officer = { kind: 'admin' as const, id: 'officer-1', unitId: null };

describe.each(testEngines())('hash-chained audit trail and report histories (%s)', (engine) => {
  let ctx: TestContext;
  let tickets: string[];

  const run = (query: string) => sql.raw(query).execute(ctx.store.db);
  const problemsOf = async () => (await verifyHistory(ctx)).problems;

  beforeAll(async () => {
    ctx = await testContext(engine);
    tickets = [];
    for (const text of [
      'Jalan berlubang di Menteng',
      'Sampah menumpuk di Menteng',
      'Lampu jalan mati di Menteng',
    ])
      tickets.push(
        (await createReport(ctx, { text, address: 'Menteng', category: 'jalan', private: false }, [], null))
          .ticket,
      );
    await act(ctx, tickets[0]!, { type: 'start_process', note: 'Tim berangkat' }, officer);
    await act(ctx, tickets[0]!, { type: 'add_note', note: 'Sudah diukur' }, officer);
    await act(ctx, tickets[1]!, { type: 'hide', reason: 'Berisi data pribadi' }, officer);
    const user = await createUser(ctx, {
      username: 'lurah.audit',
      password: 'kata-sandi-uji-123',
      displayName: 'Lurah',
      role: 'officer',
      unitId: 'kel-3171061001',
    });
    await login(ctx, 'lurah.audit', 'kata-sandi-uji-123');
    await expect(login(ctx, 'lurah.audit', 'salah-sekali-123')).rejects.toMatchObject({ httpStatus: 401 });
    await expect(
      requestReveal(ctx, user, tickets[0]!, 'Ingin tahu siapa pelapornya saja'),
    ).rejects.toMatchObject({ httpStatus: 404 });
  });
  afterAll(() => ctx.close());

  test('security-relevant acts are recorded, and an untouched history verifies', async () => {
    const actions = await ctx.store.db.selectFrom('audit_log').select('action').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'user_created',
      'login',
      'login_refused',
      'identity_reveal_refused',
    ]);
    const result = await verifyHistory(ctx);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ auditEntries: 4, reports: 3, events: 6 });
    expect(result.auditHead?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  // Each way of tampering, then undone so the next case starts from an intact history.
  const cases: [string, string, string, object][] = [
    [
      'an audit entry edited',
      "update audit_log set reason = 'dihapus' where action = 'login'",
      "update audit_log set reason = null where action = 'login'",
      { where: 'audit_log', problem: 'changed_or_removed_before' },
    ],
    [
      'an event’s note changed',
      "update report_event set note = 'Tidak ada apa-apa' where seq = 3 and type = 'note_added'",
      "update report_event set note = 'Sudah diukur' where seq = 3 and type = 'note_added'",
      { where: 'report', seq: 3, problem: 'changed_or_removed_before' },
    ],
    [
      'an event’s actor changed',
      "update report_event set actor_id = 'someone-else' where seq = 2 and type = 'process_started'",
      "update report_event set actor_id = 'officer-1' where seq = 2 and type = 'process_started'",
      { where: 'report', seq: 2, problem: 'changed_or_removed_before' },
    ],
    [
      'a report marked Selesai without its events',
      "update report set status = 'selesai' where status = 'menunggu' and visibility = 'visible'",
      "update report set status = 'menunggu' where status = 'selesai'",
      { where: 'report', problem: 'state_differs_from_history' },
    ],
    [
      'a link removed',
      "update audit_log set hash = null where action = 'login_refused'",
      '',
      { where: 'audit_log', problem: 'unlinked' },
    ],
  ];

  test.each(cases)('verify notices %s', async (_what, tamper, undo, expected) => {
    const before = await ctx.store.db.selectFrom('audit_log').select(['id', 'hash']).execute();
    await run(tamper);
    expect(await problemsOf()).toContainEqual(expect.objectContaining(expected));
    if (undo) await run(undo);
    else
      for (const row of before)
        await ctx.store.db
          .updateTable('audit_log')
          .set({ hash: row.hash })
          .where('id', '=', row.id)
          .execute();
    expect(await problemsOf()).toEqual([]);
  });

  test('a deleted or reordered audit entry, and a forged event with a guessed link, are noticed', async () => {
    const rows = await ctx.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const [first, second] = [rows[1]!, rows[2]!];
    // reorder: the two entries' contents (links included) swap places
    const swap = async (a: typeof first, b: typeof first) =>
      ctx.store.db
        .updateTable('audit_log')
        .set({
          at: b.at,
          actor_id: b.actor_id,
          action: b.action,
          subject: b.subject,
          reason: b.reason,
          detail: JSON.stringify(b.detail),
          hash: b.hash,
        })
        .where('id', '=', a.id)
        .execute();
    await swap(first, second);
    await swap(second, first);
    expect(await problemsOf()).toContainEqual(
      expect.objectContaining({ where: 'audit_log', problem: 'changed_or_removed_before' }),
    );
    await swap(first, first);
    await swap(second, second);
    expect(await problemsOf()).toEqual([]);

    // deletion from the middle
    await ctx.store.db.deleteFrom('audit_log').where('id', '=', first.id).execute();
    expect(await problemsOf()).toContainEqual(
      expect.objectContaining({
        where: 'audit_log',
        id: String(second.id),
        problem: 'changed_or_removed_before',
      }),
    );

    // an event added by someone without the key: a plain SHA-256 where the HMAC belongs
    const report = await ctx.store.db
      .selectFrom('report')
      .selectAll()
      .where('ticket', '=', tickets[2]!)
      .executeTakeFirstOrThrow();
    const forged = createHash('sha256').update('forged').digest('hex');
    await run(
      `insert into report_event (report_id, seq, type, from_status, to_status, actor_kind, actor_id, actor_unit_id, target_unit_id, note, body, created_at, hash)
       select report_id, 2, 'note_added', to_status, to_status, actor_kind, actor_id, actor_unit_id, null, 'palsu', body, created_at, '${forged}'
       from report_event where report_id = '${report.id}' and seq = 1`,
    );
    expect(await problemsOf()).toContainEqual(
      expect.objectContaining({
        where: 'report',
        id: tickets[2],
        seq: 2,
        problem: 'changed_or_removed_before',
      }),
    );
  });

  test('sigap audit verify prints the problems as JSON lines and fails', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    await expect(writeVerification(ctx, output)).rejects.toThrow(/history was changed outside Sigap/);
    expect(text).toContain('changed_or_removed_before');
  });
});

describe.each(testEngines())('history written before the chains (%s)', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(() => ctx.close());

  test('is linked at start, after which it verifies and a later edit is noticed', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Pohon tumbang di Menteng', address: 'Menteng', category: 'pohon' },
      [],
      null,
    );
    await act(ctx, ticket, { type: 'add_note', note: 'Dicek' }, officer);
    await sql`insert into audit_log (at, actor_id, action, subject, reason, detail) values (now(), null, 'user_created', 'lama', null, '{}')`.execute(
      ctx.store.db,
    );
    await sql`update report_event set hash = null`.execute(ctx.store.db);
    expect((await verifyHistory(ctx)).problems.map((p) => p.problem)).toEqual([
      'unlinked',
      'unlinked',
      'unlinked',
    ]);
    expect(await linkOlderHistory(ctx)).toBe(1);
    expect((await verifyHistory(ctx)).problems).toEqual([]);
    await act(ctx, ticket, { type: 'add_note', note: 'Dicek lagi' }, officer);
    expect((await verifyHistory(ctx)).problems).toEqual([]);
    await sql`update report_event set note = 'diubah' where seq = 2`.execute(ctx.store.db);
    expect((await verifyHistory(ctx)).problems).toEqual([
      expect.objectContaining({ id: ticket, seq: 2, problem: 'changed_or_removed_before' }),
    ]);
  });
});
