import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foldEvents } from '../../src/domain/evolve.js';
import { act, loadReport } from '../../src/services/handling/actions.js';
import { escalateOverdue } from '../../src/services/handling/escalation.js';
import { createReport } from '../../src/services/intake/intake.js';
import { Coalescer } from '../../src/store/coalescer.js';
import { insertNewReports, listEvents, type NewReportRows } from '../../src/store/report-repository.js';
import { TicketSerials } from '../../src/store/ticket-serials.js';
import { listAttachments } from '../../src/store/attachment-repository.js';
import { findReportWithPublicText } from '../../src/store/public-text-repository.js';
import { findReportForView } from '../../src/store/report-view-query.js';
import { approvedRevealsOf } from '../../src/store/reveal-request-repository.js';
import { phonePhoto } from '../support/http.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const HOUR = 3_600_000;

describe.each(testEngines())('report services on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testContext(engine);
  });
  afterAll(async () => ctx?.close());

  test('tickets are unique and gap-free under concurrent creation', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createReport(ctx, { text: `Laporan ke-${i}`, ...GAMBIR, category: 'sampah' }, [], null),
      ),
    );
    const tickets = results.map((r) => r.ticket);
    expect(new Set(tickets).size).toBe(40);
    const serials = tickets.map((t) => Number(t.slice(8))).sort((a, b) => a - b);
    expect(serials[0]).toBe(1);
    expect(serials[39]).toBe(40);
  });

  test('two processes handing out serials of the same day never collide, and a failed reservation only fails its own batch', async () => {
    const processA = new TicketSerials(ctx.store.db);
    const processB = new TicketSerials(ctx.store.db);
    const serials = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? processA : processB).next('2030-01-02')),
    );
    expect([...serials].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));

    const failed = await Promise.allSettled([processA.next('not a day'), processA.next('not a day')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await processA.next('2030-01-02')).toBe(61);
  });

  test('concurrent intakes are written in batches, all or nothing per batch, and a bad report fails alone', async () => {
    // Capture the rows of three real intakes instead of storing them.
    const captured: NewReportRows[] = [];
    const newReports = ctx.store.newReports;
    ctx.store.newReports = new Coalescer({
      run: async (items) => {
        captured.push(...items);
        return items.map(() => undefined);
      },
      maxBatch: 64,
    });
    let tickets: string[];
    try {
      tickets = (
        await Promise.all(
          ['Sampah menumpuk di gang', 'Got mampet bau', 'Lampu jalan mati'].map((text) =>
            createReport(ctx, { text, ...GAMBIR, category: 'sampah' }, [], null),
          ),
        )
      ).map((r) => r.ticket);
    } finally {
      ctx.store.newReports = newReports;
    }
    const [first, good, bad] = captured as [NewReportRows, NewReportRows, NewReportRows];
    bad.state = { ...bad.state, categoryCode: 'bukan_kategori' };
    const stored = async () =>
      (await ctx.store.db.selectFrom('report').select('ticket').where('ticket', 'in', tickets).execute())
        .length;

    await expect(insertNewReports(ctx.store.db, [good, bad])).rejects.toThrow(/foreign key/);
    expect(await stored()).toBe(0);

    // The first runs alone; the other two queue behind it, fail together, and are retried one by one.
    const settled = await Promise.allSettled([first, good, bad].map((rows) => newReports.submit(rows)));
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await stored()).toBe(2);
    expect(await listEvents(ctx.store.db, good.state.id)).toHaveLength(1);
  });

  test('the stored report is exactly the fold of its events', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Pohon tumbang di jalan', ...GAMBIR, category: 'pohon' },
      [{ data: await phonePhoto(2) }],
      null,
    );
    const first = await loadReport(ctx, ticket);
    const officer = { kind: 'officer' as const, id: 'u1', unitId: first.assignedUnitId };
    ctx.advance(HOUR);
    await act(ctx, ticket, { type: 'start_process' }, officer);
    ctx.advance(HOUR);
    await act(
      ctx,
      ticket,
      { type: 'set_ews', until: new Date(ctx.now().getTime() + 5 * 24 * HOUR), reason: 'Butuh alat berat' },
      officer,
    );
    ctx.advance(HOUR);
    await act(ctx, ticket, { type: 'follow_up', attachmentIds: [], note: 'Sudah dipotong' }, officer, [
      { data: await phonePhoto(3) },
    ]);
    const stored = await loadReport(ctx, ticket);
    const events = await listEvents(ctx.store.db, stored.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(foldEvents(events.map((e) => e.event))).toEqual(stored);

    // a report view reads the report, its history and its attachments in one statement: the same as apart
    const forView = await findReportForView(ctx.store.db, ticket, { withReveals: true });
    const attachments = await listAttachments(ctx.store.db, stored.id);
    expect(attachments).toHaveLength(2);
    expect(forView).toEqual({
      ...(await findReportWithPublicText(ctx.store.db, { ticket })),
      events,
      attachments: attachments.map((a) => ({
        id: a.id,
        kind: a.kind,
        role: a.role,
        processing: a.processing,
        width: a.width,
        height: a.height,
        duration_seconds: a.duration_seconds,
      })),
      reveals: await approvedRevealsOf(ctx.store.db, stored.id),
    });
    // a reader without a token is never told of reveals: that part is not read at all
    expect(await findReportForView(ctx.store.db, ticket, { withReveals: false })).toEqual({
      ...forView,
      reveals: undefined,
    });
    expect(await findReportForView(ctx.store.db, 'JK0000000000', { withReveals: true })).toBeNull();
  });

  test('overdue reports escalate one level up, with an event, from stored deadlines', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Saluran mampet', ...GAMBIR, category: 'saluran_air' },
      [],
      null,
    );
    const before = await loadReport(ctx, ticket);
    const kelurahan = ctx.city.city.units.get(before.assignedUnitId)!;
    expect(before.nextEscalationAt).not.toBeNull();
    ctx.setNow(new Date(before.nextEscalationAt!.getTime() + 1));
    const count = await escalateOverdue(ctx);
    expect(count).toBeGreaterThanOrEqual(1);
    const after = await loadReport(ctx, ticket);
    expect(after.escalatedUnitId).toBe(kelurahan.parentId);
    expect(after.escalationLevel).toBe(1);
    const events = await listEvents(ctx.store.db, after.id);
    expect(events.at(-1)?.event.type).toBe('escalated');
    // the next level is scheduled later, not immediately
    expect(after.nextEscalationAt!.getTime()).toBeGreaterThan(ctx.now().getTime());
    // a second sweep at the same time does nothing more
    await escalateOverdue(ctx);
    expect((await loadReport(ctx, ticket)).escalationLevel).toBe(1);
  });

  test('a concurrent change is refused, not lost', async () => {
    const { ticket } = await createReport(
      ctx,
      { text: 'Lampu jalan mati', ...GAMBIR, category: 'penerangan_jalan' },
      [],
      null,
    );
    const s = await loadReport(ctx, ticket);
    const officer = { kind: 'officer' as const, id: 'u1', unitId: s.assignedUnitId };
    const outcomes = await Promise.allSettled([
      act(ctx, ticket, { type: 'add_note', note: 'catatan satu' }, officer),
      act(ctx, ticket, { type: 'add_note', note: 'catatan dua' }, officer),
      act(ctx, ticket, { type: 'add_note', note: 'catatan tiga' }, officer),
    ]);
    const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
    const after = await loadReport(ctx, ticket);
    expect(after.eventCount).toBe(1 + ok);
    for (const o of outcomes)
      if (o.status === 'rejected') expect((o.reason as { httpStatus: number }).httpStatus).toBe(409);
  });
});
