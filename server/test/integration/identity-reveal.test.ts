import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_REVEAL_RULES as RULES } from '../../src/domain/reveal-request.js';
import { loadReport } from '../../src/services/handling/actions.js';
import {
  decideReveal,
  listRevealRequestsFor,
  requestReveal,
  viewRevealedIdentity,
} from '../../src/services/identity/reveal.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { createReport } from '../../src/services/intake/intake.js';
import { citizenReportView } from '../../src/services/reads/citizen/citizen-view.js';
import type { StaffUser } from '../../src/store/people-repository.js';
import { findReportForView } from '../../src/store/report-view-query.js';
import { approvedRevealsOf } from '../../src/store/reveal-request-repository.js';
import type { UserRole } from '../../src/store/schema.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const GAMBIR = { lat: -6.1754, lng: 106.8272 };
const REPORTER = { name: 'Sumarni Wiryokusumo', phone: '081298761234', nik: '3171014101900002' };
const REASON = 'Perlu konfirmasi lokasi pasti dari pelapor untuk perbaikan';
const MINUTE = 60_000;

describe.each(testEngines())('identity reveal under dual control (%s)', (engine) => {
  let ctx: TestContext;
  let holder: StaffUser;
  let stranger: StaffUser;
  let verifier: StaffUser;
  let admin: StaffUser;
  let officialA: StaffUser;
  let officialB: StaffUser;
  let n = 0;

  const staff = async (role: UserRole, unitId: string): Promise<StaffUser> => {
    n += 1;
    return createUser(ctx, {
      username: `${role}.${n}`,
      password: 'kata-sandi-uji-123',
      role,
      unitId,
      displayName: `${role} ${n}`,
    });
  };
  const newReport = async (text = 'Jalan berlubang besar di depan halte') =>
    (await createReport(ctx, { text, ...GAMBIR, category: 'jalan', reporter: REPORTER }, [], null)).ticket;
  const auditActions = async () =>
    (await ctx.store.db.selectFrom('audit_log').select(['action', 'actor_id']).orderBy('id').execute()).map(
      (r) => `${r.action}:${r.actor_id}`,
    );

  beforeAll(async () => {
    ctx = await testContext(engine);
    const ticket = await newReport();
    const report = await loadReport(ctx, ticket);
    holder = await staff('officer', report.assignedUnitId!);
    stranger = await staff('officer', 'crm-triage');
    verifier = await staff('verifier', 'biro-pemerintahan');
    admin = await staff('admin', 'up-jsc');
    officialA = await staff('reveal_authority', 'up-jsc');
    officialB = await staff('reveal_authority', 'up-jsc');
  });
  afterAll(() => ctx.close());

  test('ask → a second person approves → only the asker sees it, for viewMinutes; every step audited', async () => {
    const ticket = await newReport();
    await expect(requestReveal(ctx, holder, ticket, 'pendek')).rejects.toMatchObject({
      httpStatus: 400,
      code: 'reason_too_short',
    });
    const asked = await requestReveal(ctx, holder, ticket, REASON);
    expect(asked).toMatchObject({ ticket, status: 'menunggu', reason: REASON, allowedActions: [] });
    expect(asked.requestedBy.unit?.id).toBe(holder.unitId);
    await expect(requestReveal(ctx, holder, ticket, REASON)).rejects.toMatchObject({
      httpStatus: 409,
      code: 'reveal_already_requested',
    });

    // nothing is visible before the decision, and nobody but the official decides
    await expect(viewRevealedIdentity(ctx, holder, asked.id)).rejects.toMatchObject({ httpStatus: 409 });
    for (const who of [holder, verifier, admin])
      await expect(decideReveal(ctx, who, asked.id, { approve: true })).rejects.toMatchObject({
        httpStatus: 403,
      });
    const waiting = await listRevealRequestsFor(ctx, officialA, { waiting: true });
    expect(waiting.items.find((r) => r.id === asked.id)?.allowedActions).toEqual(['approve', 'refuse']);

    const approved = await decideReveal(ctx, officialA, asked.id, { approve: true });
    expect(approved).toMatchObject({ status: 'disetujui', decidedBy: officialA.displayName });
    expect(Date.parse(approved.viewUntil!) - ctx.now().getTime()).toBe(RULES.viewMinutes * MINUTE);

    // the official who approved, and everyone else, still cannot see it: only the one who asked
    for (const who of [officialA, officialB, verifier, admin, stranger])
      await expect(viewRevealedIdentity(ctx, who, asked.id)).rejects.toMatchObject({ httpStatus: 403 });
    const seen = await viewRevealedIdentity(ctx, holder, asked.id);
    expect(seen.identity).toMatchObject(REPORTER);
    expect(seen.viewUntil).toBe(approved.viewUntil);

    // the reporter sees which office was let see them, when and why
    const report = await loadReport(ctx, ticket);
    const own = await citizenReportView(ctx, report, report.citizenId!);
    expect(own.identityReveals).toEqual([
      {
        approvedAt: approved.decidedAt,
        seenAt: ctx.now().toISOString(),
        office: { id: holder.unitId, name: ctx.city.city.units.get(holder.unitId)!.name },
        reason: REASON,
      },
    ]);

    // the report view's one-statement read gives the same approvals as the separate query
    const forView = await findReportForView(ctx.store.db, ticket, { withReveals: true });
    expect(forView?.reveals).toEqual(await approvedRevealsOf(ctx.store.db, report.id));
    expect(forView?.reveals).toHaveLength(1);

    ctx.advance(RULES.viewMinutes * MINUTE);
    await expect(viewRevealedIdentity(ctx, holder, asked.id)).rejects.toMatchObject({
      httpStatus: 409,
      code: 'reveal_not_viewable',
    });
    expect((await listRevealRequestsFor(ctx, holder, {})).items[0]).toMatchObject({
      id: asked.id,
      status: 'selesai',
    });

    const audit = await auditActions();
    for (const step of [
      `reveal_requested:${holder.id}`,
      `reveal_approved:${officialA.id}`,
      `identity_revealed:${holder.id}`,
      `identity_reveal_refused:${officialA.id}`,
      `identity_reveal_refused:${verifier.id}`,
    ])
      expect(audit).toContain(step);
  });

  test('who may ask: officers of the report, verifiers and admins; a stranger gets a 404, the official cannot ask', async () => {
    const ticket = await newReport('Trotoar rusak parah dekat sekolah');
    await expect(requestReveal(ctx, stranger, ticket, REASON)).rejects.toMatchObject({ httpStatus: 404 });
    await expect(requestReveal(ctx, officialA, ticket, REASON)).rejects.toMatchObject({ httpStatus: 404 });
    await expect(requestReveal(ctx, verifier, ticket, REASON)).resolves.toMatchObject({ status: 'menunggu' });
    await expect(requestReveal(ctx, admin, ticket, REASON)).resolves.toMatchObject({ status: 'menunggu' });
  });

  test('a refusal needs a note, closes the request, and the reporter is not told of it', async () => {
    const ticket = await newReport('Pohon tumbang menutup jalan kampung');
    const asked = await requestReveal(ctx, holder, ticket, REASON);
    await expect(decideReveal(ctx, officialB, asked.id, { approve: false })).rejects.toMatchObject({
      code: 'note_too_short',
    });
    const refused = await decideReveal(ctx, officialB, asked.id, {
      approve: false,
      note: 'Lokasi sudah jelas dari foto',
    });
    expect(refused).toMatchObject({ status: 'ditolak', decisionNote: 'Lokasi sudah jelas dari foto' });
    await expect(viewRevealedIdentity(ctx, holder, asked.id)).rejects.toMatchObject({ httpStatus: 409 });
    await expect(decideReveal(ctx, officialA, asked.id, { approve: true })).rejects.toMatchObject({
      code: 'reveal_already_decided',
    });
    const report = await loadReport(ctx, ticket);
    expect((await citizenReportView(ctx, report, report.citizenId!)).identityReveals).toEqual([]);
  });

  test('two officials deciding at once: exactly one decision stands', async () => {
    const asked = await requestReveal(
      ctx,
      verifier,
      await newReport('Lampu jalan mati sepanjang gang'),
      REASON,
    );
    const outcomes = await Promise.allSettled([
      decideReveal(ctx, officialA, asked.id, { approve: true }),
      decideReveal(ctx, officialB, asked.id, { approve: false, note: 'Tidak ada kebutuhan yang sah' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(lost?.reason).toMatchObject({ httpStatus: 409, code: 'reveal_already_decided' });
    const decisions = (await auditActions()).filter((a) => /^reveal_(approved|refused):/.test(a));
    const rows = await ctx.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', 'in', ['reveal_approved', 'reveal_refused'])
      .execute();
    expect(rows.filter((r) => (r.detail as { requestId: string }).requestId === asked.id)).toHaveLength(1);
    expect(decisions.length).toBeGreaterThan(0);
  });

  test('a request nobody decides lapses after pendingHours', async () => {
    const asked = await requestReveal(ctx, admin, await newReport('Saluran air mampet bau busuk'), REASON);
    ctx.advance(RULES.pendingHours * 60 * MINUTE);
    await expect(decideReveal(ctx, officialA, asked.id, { approve: true })).rejects.toMatchObject({
      httpStatus: 409,
    });
    expect((await listRevealRequestsFor(ctx, officialA, { waiting: true })).items).toEqual([]);
  });

  test('one person may ask requestsPerDay times in 24 hours, then a 429 that says when, audited', async () => {
    const asker = await staff('verifier', 'biro-pemerintahan');
    for (let i = 0; i < RULES.requestsPerDay; i++)
      await requestReveal(ctx, asker, await newReport(`Jalan rusak nomor ${i + 1} di kampung`), REASON);
    ctx.advance(10 * MINUTE);
    const refused = requestReveal(ctx, asker, await newReport('Jalan rusak lagi di kampung'), REASON);
    await expect(refused).rejects.toMatchObject({ httpStatus: 429, retryAfterSeconds: 24 * 3600 - 600 });
    expect(await auditActions()).toContain(`identity_reveal_refused:${asker.id}`);
    ctx.advance(24 * 3600 * 1000);
    await expect(
      requestReveal(ctx, asker, await newReport('Jalan rusak sekali lagi di kampung'), REASON),
    ).resolves.toMatchObject({ status: 'menunggu' });
  });
});
