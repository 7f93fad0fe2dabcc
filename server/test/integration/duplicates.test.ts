import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { distinctWords } from '../../src/text/index.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foldEvents } from '../../src/domain/evolve.js';
import type { Actor, CreatedEvent } from '../../src/domain/report-events.js';
import type { ReportState } from '../../src/domain/report-state.js';
import { loadReport } from '../../src/services/handling/actions.js';
import { createReport, type NewReport } from '../../src/services/intake/intake.js';
import { mergeReport } from '../../src/services/handling/merge.js';
import { readForCitizenOrPublic, readForStaff } from '../../src/services/reads/report-reads.js';
import { candidateQuery } from '../../src/services/intake/similar-reports.js';
import { exportBackup, importBackup } from '../../src/store/backup.js';
import { queryPublicFeed, queryQueue } from '../../src/store/report-queries.js';
import { findReportByTicket, listEvents } from '../../src/store/report-repository.js';
import { Coalescer } from '../../src/store/coalescer.js';
import {
  countOpenSimilar,
  findSimilarCandidates,
  similarCandidatesQuery,
} from '../../src/store/similar-queries.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { openTestStore, testEngines } from '../support/test-store.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Monas, in Kelurahan Gambir; positions north of it by metres (1° of latitude ≈ 111,195 m)
const MONAS = { lat: -6.1754, lng: 106.8272 };
const north = (meters: number) => ({ lat: MONAS.lat + meters / 111_195, lng: MONAS.lng });
const GAMBIR = '31.71.01.1001';
const verifier: Actor = { kind: 'verifier', id: 'verifier-1', unitId: null };
const officerOf = (s: ReportState): Actor => ({ kind: 'officer', id: 'officer-1', unitId: s.assignedUnitId });

describe.each(testEngines())('duplicates on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(async () => ctx?.close());

  async function file(input: NewReport) {
    const created = await createReport(ctx, { private: false, ...input }, [], null);
    return { ...created, state: await loadReport(ctx, created.ticket) };
  }
  async function createdEvent(s: ReportState): Promise<CreatedEvent> {
    const [first] = await listEvents(ctx.store.db, s.id);
    return first!.event as CreatedEvent;
  }

  test('same category 100 m away is linked; 400 m away or another category on the same spot is not', async () => {
    const first = await file({
      text: 'Jalan berlubang dalam di depan sekolah',
      ...north(0),
      category: 'jalan',
    });
    const near = await file({
      text: 'Aspal mengelupas, kerikil berserakan',
      ...north(100),
      category: 'jalan',
    });
    const far = await file({ text: 'Ada lubang menganga di tikungan', ...north(400), category: 'jalan' });
    const other = await file({ text: 'Trotoar ambles dekat gerbang', ...north(0), category: 'trotoar' });

    const similar = (await createdEvent(near.state)).similar;
    expect(similar).toHaveLength(1);
    expect(similar![0]).toMatchObject({ reportId: first.state.id, ticket: first.ticket, reason: 'nearby' });
    expect(similar![0]!.distanceMeters).toBeGreaterThanOrEqual(99);
    expect(similar![0]!.distanceMeters).toBeLessThanOrEqual(101);
    expect((await createdEvent(far.state)).similar).toBeUndefined();
    expect((await createdEvent(other.state)).similar).toBeUndefined();

    const links = await ctx.store.db.selectFrom('report_link').selectAll().execute();
    expect(links).toEqual([
      expect.objectContaining({
        report_id: near.state.id,
        similar_report_id: first.state.id,
        reason: 'nearby',
        text_score: null,
      }),
    ]);

    // staff see the link from both sides, with the distance and nothing about the other reporter
    const fromFirst = (await readForStaff(ctx, first.ticket, verifier)) as Json;
    expect(fromFirst.similar).toEqual([
      expect.objectContaining({
        ticket: near.ticket,
        reason: 'nearby',
        distanceMeters: similar![0]!.distanceMeters,
        status: expect.objectContaining({ code: 'menunggu' }),
      }),
    ]);
    expect(Object.keys(fromFirst.similar[0]).sort()).toEqual(
      [
        'category',
        'createdAt',
        'distanceMeters',
        'kelurahan',
        'linkedAt',
        'reason',
        'status',
        'textScore',
        'ticket',
      ].sort(),
    );
    const fromNear = (await readForStaff(ctx, near.ticket, verifier)) as Json;
    expect(fromNear.similar.map((s: Json) => s.ticket)).toEqual([first.ticket]);
    expect(fromNear.history[0].similar).toEqual([
      {
        ticket: first.ticket,
        reason: 'nearby',
        distanceMeters: similar![0]!.distanceMeters,
        score: undefined,
      },
    ]);
    const counts = await countOpenSimilar(ctx.store.db, [first.state.id, near.state.id, far.state.id]);
    expect(Object.fromEntries(counts)).toEqual({ [first.state.id]: 1, [near.state.id]: 1 });
  });

  test('near-identical text in the same kelurahan is linked without coordinates', async () => {
    const text =
      'Tumpukan sampah rumah tangga di pinggir kali Ciliwung belum diangkut seminggu, bau menyengat';
    const first = await file({ text, address: 'Kelurahan Gambir', category: 'sampah' });
    expect(first.state.kelurahanCode).toBe(GAMBIR);
    const second = await file({
      text: 'Tumpukan sampah rumah tangga di pinggir kali Ciliwung sudah seminggu belum diangkut! Bau menyengat',
      address: 'Kelurahan Gambir',
      category: 'lainnya',
    });
    const unrelated = await file({
      text: 'Lampu penerangan jalan mati sejak kemarin malam',
      address: 'Kelurahan Gambir',
      category: 'penerangan_jalan',
    });
    const [link] = (await createdEvent(second.state)).similar ?? [];
    expect(link).toMatchObject({ reportId: first.state.id, reason: 'text' });
    expect(link!.score).toBeGreaterThanOrEqual(0.6);
    expect(link!.distanceMeters).toBeUndefined();
    expect((await createdEvent(unrelated.state)).similar).toBeUndefined();
  });

  test('merge: the duplicate closes as Digabung, leaves the queue and the public feed, and both reports fold back', async () => {
    const original = await file({
      text: 'Pohon besar miring hampir tumbang',
      ...north(2000),
      category: 'pohon',
    });
    const duplicate = await file({ text: 'Pohon condong ke jalan raya', ...north(2050), category: 'pohon' });
    expect((await createdEvent(duplicate.state)).similar?.[0]?.ticket).toBe(original.ticket);
    const unitId = duplicate.state.assignedUnitId;
    const queue = async () =>
      (await queryQueue(ctx.store.db, { unitId, openOnly: true, limit: 100 })).items.map((r) => r.ticket);
    const feed = async () => (await queryPublicFeed(ctx.store.db, { limit: 100 })).items.map((r) => r.ticket);
    expect(await queue()).toContain(duplicate.ticket);
    expect(await feed()).toContain(duplicate.ticket);

    ctx.advance(3_600_000);
    const after = await mergeReport(
      ctx,
      duplicate.ticket,
      { intoTicket: original.ticket, note: 'Pohon yang sama' },
      officerOf(duplicate.state),
    );
    expect(after).toMatchObject({
      status: 'digabung',
      mergedIntoId: original.state.id,
      nextEscalationAt: null,
    });
    expect(await queue()).not.toContain(duplicate.ticket);
    expect(await feed()).not.toContain(duplicate.ticket);
    expect(await feed()).toContain(original.ticket);

    for (const ticket of [duplicate.ticket, original.ticket]) {
      const stored = (await findReportByTicket(ctx.store.db, ticket))!;
      const events = await listEvents(ctx.store.db, stored.id);
      expect(foldEvents(events.map((e) => e.event))).toEqual(stored);
    }
    const originalEvents = await listEvents(ctx.store.db, original.state.id);
    expect(originalEvents.at(-1)).toMatchObject({
      toStatus: 'menunggu',
      event: { type: 'merge_received', fromTicket: duplicate.ticket, note: 'Pohon yang sama' },
    });

    // the duplicate's citizen sees where their report went
    const mine = (await readForCitizenOrPublic(ctx, duplicate.ticket, duplicate.citizenToken)) as Json;
    expect(mine.status.code).toBe('digabung');
    expect(mine.mergedInto).toMatchObject({
      ticket: original.ticket,
      status: 'menunggu',
      statusLabel: { id: 'Menunggu', en: 'Waiting' },
    });
    expect(mine.mergedInto.message.id).toContain(original.ticket);
    expect(mine.mergedInto.progress.history.map((h: Json) => h.type)).toEqual(['created', 'merge_received']);

    // illegal merges change nothing
    const officer = officerOf(original.state);
    await expect(
      mergeReport(ctx, original.ticket, { intoTicket: original.ticket }, officer),
    ).rejects.toMatchObject({
      httpStatus: 400,
    });
    await expect(
      mergeReport(ctx, original.ticket, { intoTicket: duplicate.ticket }, officer),
    ).rejects.toMatchObject({
      httpStatus: 409,
    });
    await expect(
      mergeReport(ctx, original.ticket, { intoTicket: 'JK2611230999' }, officer),
    ).rejects.toMatchObject({
      httpStatus: 404,
    });
    // an officer who may not read the report is told it is not there (as when reading it), not that it is refused
    const stranger: Actor = { kind: 'officer', id: 'x', unitId: 'crm-triage' };
    await expect(
      mergeReport(ctx, original.ticket, { intoTicket: 'JK2611230999' }, stranger),
    ).rejects.toMatchObject({
      httpStatus: 404,
    });
    expect((await loadReport(ctx, original.ticket)).eventCount).toBe(2);
  });

  test('concurrent intakes share one lookup statement and each gets only its own look-alikes', async () => {
    const places = [north(1500), north(2500), north(3500)];
    const categories = ['pohon', 'taman', 'penerangan_jalan'];
    const originals = await Promise.all(
      places.map((at, i) => file({ text: `Laporan asli nomor ${i}`, ...at, category: categories[i]! })),
    );
    const probes: number[] = [];
    const lookups = ctx.store.similarLookups;
    ctx.store.similarLookups = new Coalescer({
      run: (queries) => {
        probes.push(queries.length);
        return findSimilarCandidates(ctx.store.db, queries);
      },
      maxBatch: 64,
    });
    let followUps: Awaited<ReturnType<typeof file>>[];
    try {
      followUps = await Promise.all(
        places.map((at, i) =>
          file({ text: `Laporan susulan ${i}`, lat: at.lat + 0.0003, lng: at.lng, category: categories[i]! }),
        ),
      );
    } finally {
      ctx.store.similarLookups = lookups;
    }
    expect(Math.max(...probes)).toBeGreaterThan(1);
    for (const [i, followUp] of followUps.entries()) {
      const similar = (await createdEvent(followUp.state)).similar ?? [];
      expect(similar.map((s) => s.ticket)).toEqual([originals[i]!.ticket]);
    }
  });

  test('the partial indexes serve both branches of the lookup, for every probe of a batch', async () => {
    const settings = ctx.city.city.config.duplicates;
    const words = distinctWords('Sampah menumpuk di pinggir kali belum diangkut');
    const query = similarCandidatesQuery([
      candidateQuery({ category: 'jalan', ...MONAS, kelurahanCode: GAMBIR, words }, settings, ctx.now()),
      candidateQuery(
        { category: 'sampah', lat: null, lng: null, kelurahanCode: GAMBIR, words },
        settings,
        ctx.now(),
      ),
    ]);
    // On a table this small a sequential scan is cheapest; forbid it to see which index the planner can use.
    // Intake runs the statement prepared, so check the generic plan, the one it settles on.
    const plan = await ctx.store.db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      await sql`set local plan_cache_mode = force_generic_plan`.execute(tx);
      const explained = await tx.executeQuery(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      return explained.rows.map((r) => Object.values(r as object)[0]).join('\n');
    });
    expect(plan).toContain('report_open_nearby_idx');
    expect(plan).toContain('report_open_kelurahan_idx');
    expect(plan).not.toMatch(/Seq Scan on report/);
  });

  test('a backup carries the links and the merge', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-dup-backup-'));
    const file = path.join(dir, 'b.jsonl.gz');
    const counts = await exportBackup(ctx.store.db, file);
    expect(counts.report_link).toBeGreaterThanOrEqual(3);
    const target = await openTestStore(engine);
    try {
      const restored = await importBackup(target.db, file);
      expect(restored.report_link).toBe(counts.report_link);
      const merged = await target.db
        .selectFrom('report')
        .select(['ticket', 'merged_into_id'])
        .where('merged_into_id', 'is not', null)
        .execute();
      expect(merged).toHaveLength(1);
      const state = await findReportByTicket(target.db, merged[0]!.ticket);
      expect(state).toEqual(await findReportByTicket(ctx.store.db, merged[0]!.ticket));
    } finally {
      await target.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
