import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { act, loadReport } from '../../src/services/handling/actions.js';
import { escalateOverdue } from '../../src/services/handling/escalation.js';
import { createReport } from '../../src/services/intake/intake.js';
import { cityFigures, unitFigures } from '../../src/services/reads/kpi/kpi-figures.js';
import {
  currentVersusNaive,
  durationsVersusNaive,
  naiveRollups,
  readRollups,
  type RollupRow,
} from '../../src/store/kpi-queries.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

// The rollups of migration 0019 are kept by triggers as reports change. Whatever the changes, they must equal
// the same figures computed from scratch with GROUP BY over the reports (kpi-queries.ts#naiveRollups).

const HOUR = 3_600_000;
const STATUSES = ['menunggu', 'koordinasi', 'proses', 'ews', 'menunggu_validasi', 'selesai', 'ditolak'];
const UNITS = ['kel-3171011001', 'kel-3171061001', 'kec-317101', 'kel-3174091001'];
const KELURAHAN = ['31.71.01.1001', '31.71.06.1001', '31.74.09.1001', null];
const CATEGORIES = ['sampah', 'pohon', 'jalan'];
const CHANNELS = ['api', 'web', 'sms'];
const BASE = Date.parse('2026-11-20T00:00:00Z');

/** Seconds sums compared to the millisecond: added and taken away as doubles, they may differ in the last bits. */
const rounded = (rows: RollupRow[]) =>
  rows.map((r) => ({
    ...r,
    respondSeconds: Math.round(r.respondSeconds * 1000) / 1000,
    resolveSeconds: Math.round(r.resolveSeconds * 1000) / 1000,
  }));
const nonZero = (rows: RollupRow[]) =>
  rows.filter(
    (r) =>
      r.received ||
      r.open ||
      r.done ||
      r.breached ||
      r.resolved ||
      r.resolvedOnTime ||
      r.responded ||
      r.respondedOnTime ||
      Math.abs(r.respondSeconds) > 1e-6 ||
      Math.abs(r.resolveSeconds) > 1e-6,
  );

async function expectRollupsConsistent(ctx: TestContext): Promise<void> {
  const db = ctx.store.db;
  expect(rounded(nonZero(await readRollups(db)))).toEqual(rounded(nonZero(await naiveRollups(db))));
  const current = await currentVersusNaive(db);
  expect(current.rollup).toEqual(current.naive);
  const durations = await durationsVersusNaive(db);
  expect(durations.rollup).toEqual(durations.naive);
}

const reportArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  unit: fc.constantFrom(...UNITS),
  kelurahan: fc.constantFrom(...KELURAHAN),
  category: fc.constantFrom(...CATEGORIES),
  channel: fc.constantFrom(...CHANNELS),
  createdHours: fc.integer({ min: 0, max: 24 * 20 }),
  respondAfterMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 9 })),
  resolveAfterMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 30 })),
  dueHours: fc.integer({ min: 1, max: 24 * 14 }),
  escalation: fc.integer({ min: 0, max: 2 }),
});
type ReportSpec = typeof reportArb extends fc.Arbitrary<infer T> ? T : never;

const changeArb = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    reports: fc.array(reportArb, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    count: fc.integer({ min: 1, max: 4 }),
    to: reportArb,
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

function rowOf(spec: ReportSpec, id: string) {
  const created = new Date(BASE + spec.createdHours * HOUR);
  const after = (minutes: number | null) =>
    minutes === null ? null : new Date(created.getTime() + minutes * 60_000);
  return {
    id,
    ticket: `JK${id.slice(0, 10)}`,
    status: spec.status,
    category_code: spec.category,
    text: 'uji',
    kelurahan_code: spec.kelurahan,
    channel: spec.channel,
    is_private: false,
    is_anonymous: true,
    visibility: 'visible',
    assigned_unit_id: spec.unit,
    escalation_level: spec.escalation,
    sla_clock: 'calendar',
    response_due_at: new Date(created.getTime() + spec.dueHours * HOUR),
    completion_due_at: new Date(created.getTime() + 3 * spec.dueHours * HOUR),
    responded_at: after(spec.respondAfterMinutes),
    resolved_at: after(spec.resolveAfterMinutes),
    reopen_count: 0,
    event_count: 1,
    created_at: created,
    updated_at: created,
  };
}

describe.each(testEngines())('KPI rollups on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine, new Date('2026-12-07T03:00:00Z'));
  });
  afterAll(async () => ctx?.close());

  test('after any series of inserts, updates and deletes of reports, the rollups equal a GROUP BY over them', async () => {
    const db = ctx.store.db;
    await fc.assert(
      fc.asyncProperty(fc.array(changeArb, { minLength: 1, maxLength: 8 }), async (changes) => {
        // each run starts from no reports (the triggers take the rollups back to zero rows or zero counts)
        await db.deleteFrom('report').where('text', '=', 'uji').execute();
        for (const change of changes) {
          const ids = (
            await db.selectFrom('report').select('id').where('text', '=', 'uji').orderBy('id').execute()
          ).map((r) => r.id);
          if (change.kind === 'insert') {
            // one statement for several reports, like the intake's batches
            await db
              .insertInto('report')
              .values(change.reports.map((spec) => rowOf(spec, randomUUID())))
              .execute();
          } else if (ids.length === 0) continue;
          else if (change.kind === 'update') {
            const chosen = Array.from(
              { length: change.count },
              (_, i) => ids[(change.pick + i) % ids.length]!,
            );
            const { id: _id, ticket: _ticket, event_count: _n, ...fields } = rowOf(change.to, chosen[0]!);
            await db
              .updateTable('report')
              .set({ ...fields, event_count: sql`event_count + 1` })
              .where('id', 'in', chosen)
              .execute();
          } else {
            await db
              .deleteFrom('report')
              .where('id', '=', ids[change.pick % ids.length]!)
              .execute();
          }
        }
        await expectRollupsConsistent(ctx);
      }),
      { numRuns: engine === 'embedded' ? 25 : 40, seed: 20261207 },
    );
    // a change rolled back leaves the rollups as they were
    const before = await readRollups(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await tx
          .insertInto('report')
          .values(rowOf({ ...fc.sample(reportArb, { numRuns: 1, seed: 1 })[0]! }, randomUUID()))
          .execute();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await readRollups(db)).toEqual(before);
    await db.deleteFrom('report').where('text', '=', 'uji').execute();
  });

  test('reports going through the services (intake, actions, follow-up, approval, escalation) keep them exact, and the KPI reads add up', async () => {
    const GAMBIR = { lat: -6.1754, lng: 106.8272 };
    const tickets: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { ticket } = await createReport(
        ctx,
        {
          text: `Sampah menumpuk di gang ${i}`,
          ...GAMBIR,
          category: i % 2 ? 'sampah' : 'pohon',
          channel: i % 3 ? 'api' : 'web',
        },
        [],
        null,
      );
      tickets.push(ticket);
      ctx.advance(HOUR / 4);
    }
    const first = await loadReport(ctx, tickets[0]!);
    const officer = { kind: 'officer' as const, id: 'u1', unitId: first.assignedUnitId };
    const verifier = { kind: 'verifier' as const, id: 'v1', unitId: null };
    await act(ctx, tickets[0]!, { type: 'start_process' }, officer);
    ctx.advance(2 * HOUR);
    await act(ctx, tickets[0]!, { type: 'follow_up', attachmentIds: [], note: 'Sudah diangkut' }, officer, [
      { data: await phonePhoto(5) },
    ]);
    await act(ctx, tickets[0]!, { type: 'approve' }, verifier);
    await act(ctx, tickets[1]!, { type: 'reject', reason: 'Bukan kewenangan' }, officer);
    await act(ctx, tickets[2]!, { type: 'start_process' }, officer);
    await expectRollupsConsistent(ctx);
    // days later, the escalation sweep moves overdue reports (an update by another path)
    ctx.advance(10 * 24 * HOUR);
    await escalateOverdue(ctx);
    await expectRollupsConsistent(ctx);

    const admin = {
      id: 'a1',
      username: 'admin',
      displayName: 'Admin',
      role: 'admin' as const,
      unitId: 'pemprov',
    };
    const city = await cityFigures(ctx, admin);
    const naive = await sql<{ received: number; resolved: number }>`
      select count(*) filter (where ((created_at at time zone 'UTC') + interval '7 hours')::date >= ${city.monthStart}::date)::int as received,
             count(*) filter (where ((resolved_at at time zone 'UTC') + interval '7 hours')::date >= ${city.monthStart}::date)::int as resolved
      from report where text <> 'uji'`.execute(ctx.store.db);
    expect(city.monthFigures.received).toBe(naive.rows[0]!.received);
    expect(city.monthFigures.resolved).toBe(naive.rows[0]!.resolved);
    expect(city.monthFigures.medianResolveSeconds).not.toBeNull();
    // one report was done (3.5 h after it came in): the median read from the histogram is within ±9.05% of it
    const done = await loadReport(ctx, tickets[0]!);
    const took = (done.resolvedAt!.getTime() - done.createdAt.getTime()) / 1000;
    expect(Math.abs(city.monthFigures.medianResolveSeconds! / took - 1)).toBeLessThan(0.0906);
    const unit = await unitFigures(
      ctx,
      { ...admin, role: 'officer', unitId: first.assignedUnitId },
      undefined,
    );
    const held = await ctx.store.db
      .selectFrom('report')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('assigned_unit_id', '=', first.assignedUnitId)
      .groupBy('status')
      .execute();
    expect(
      unit.statusCounts
        .filter((s) => s.reports > 0)
        .map((s) => [s.status, s.reports])
        .sort(),
    ).toEqual(held.map((h) => [h.status, h.n]).sort());
    expect(unit.ranking.position).not.toBeNull();
    await expect(
      unitFigures(ctx, { ...admin, role: 'officer', unitId: first.assignedUnitId }, 'pemprov'),
    ).rejects.toMatchObject({
      httpStatus: 403,
    });
    await expect(cityFigures(ctx, { ...admin, role: 'officer' })).rejects.toMatchObject({ httpStatus: 403 });
  });
});
