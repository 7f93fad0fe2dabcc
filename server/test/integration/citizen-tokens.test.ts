import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { act } from '../../src/services/handling/actions.js';
import {
  CitizenTokenRefused,
  checkCitizenToken,
  endOwnCitizenToken,
  revokeReportCitizenToken,
  rotateCitizenToken,
} from '../../src/services/identity/citizen-tokens.js';
import { citizenByToken } from '../../src/services/identity/sessions.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { createReport } from '../../src/services/intake/intake.js';
import type { StaffUser } from '../../src/store/people-repository.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const DAY = 86_400_000;
const REPORT = { text: 'Jalan berlubang di Menteng', address: 'Menteng', category: 'jalan', private: false };

describe.each(testEngines())('citizen tokens expire, rotate and end (%s)', (engine) => {
  let ctx: TestContext;
  let admin: StaffUser;
  let officer: StaffUser;

  const file = () => createReport(ctx, REPORT, [], null);
  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => {
        if (!(error instanceof CitizenTokenRefused)) throw error;
        return { why: error.why, code: error.code, status: error.httpStatus, text: error.text };
      },
    );
  const auditOf = (action: string) =>
    ctx.store.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject', 'reason', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ctx = await testContext(engine);
    const account = (username: string, role: 'admin' | 'officer') =>
      createUser(ctx, {
        username,
        password: 'kata-sandi-uji-123',
        role,
        unitId: 'kel-3171061001',
        displayName: username,
      });
    admin = await account('admin.token', 'admin');
    officer = await account('lurah.token', 'officer');
  });
  afterAll(() => ctx.close());

  test('a token is stored only as its hash, and opens its reports', async () => {
    const { citizenToken } = await file();
    const rows = await ctx.store.db.selectFrom('citizen').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(citizenToken.slice(6));
    expect(await citizenByToken(ctx, citizenToken)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await citizenByToken(ctx, null)).toBeNull();
  });

  test('rotation: the new token opens the same reports, the old one is refused at once as replaced', async () => {
    const first = await file();
    const second = await createReport(ctx, REPORT, [], first.citizenToken);
    const citizenId = await citizenByToken(ctx, first.citizenToken);
    const { citizenToken: fresh } = await rotateCitizenToken(ctx, first.citizenToken);
    expect(fresh).not.toBe(first.citizenToken);
    expect(await citizenByToken(ctx, fresh)).toBe(citizenId);
    const old = await refusalOf(citizenByToken(ctx, first.citizenToken));
    expect(old).toMatchObject({ why: 'replaced', code: 'citizen_token_replaced', status: 401 });
    expect(old!.text.id).toMatch(/sudah diganti/);
    expect(old!.text.en).toMatch(/was replaced/);
    // a new report cannot be added with the old token either, and nothing is stored for it
    const before = await ctx.store.db.selectFrom('report').select('id').execute();
    expect(await refusalOf(createReport(ctx, REPORT, [], first.citizenToken))).toMatchObject({
      why: 'replaced',
    });
    expect(await ctx.store.db.selectFrom('report').select('id').execute()).toHaveLength(before.length);
    // rotating the old one again is refused; the new one rotates on
    expect(await refusalOf(rotateCitizenToken(ctx, first.citizenToken))).toMatchObject({ why: 'replaced' });
    const { citizenToken: third } = await rotateCitizenToken(ctx, fresh);
    expect(await citizenByToken(ctx, third)).toBe(citizenId);
    expect(second.citizenToken).toBe(first.citizenToken);
    expect((await auditOf('citizen_token_rotated')).length).toBeGreaterThanOrEqual(2);
  });

  test('two rotations of one token at once: one wins, the other is refused, one token stays live', async () => {
    const { citizenToken } = await file();
    const results = await Promise.allSettled([
      rotateCitizenToken(ctx, citizenToken),
      rotateCitizenToken(ctx, citizenToken),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CitizenTokenRefused);
    expect(await citizenByToken(ctx, won[0]!.value.citizenToken)).toMatch(/-/);
  });

  test('the holder ends their token: it opens nothing from then on and says so', async () => {
    const { citizenToken } = await file();
    expect(await endOwnCitizenToken(ctx, citizenToken)).toEqual({ ended: true });
    const refused = await refusalOf(citizenByToken(ctx, citizenToken));
    expect(refused).toMatchObject({ why: 'ended', code: 'citizen_token_revoked', status: 401 });
    expect(refused!.text.en).toMatch(/ended by its holder/);
    expect(await refusalOf(endOwnCitizenToken(ctx, citizenToken))).toMatchObject({ why: 'ended' });
    expect(await refusalOf(rotateCitizenToken(ctx, citizenToken))).toMatchObject({ why: 'ended' });
  });

  test('an administrator revokes the token of a report: all its holder’s reports close to it; audited with the reason', async () => {
    const first = await file();
    await createReport(ctx, REPORT, [], first.citizenToken);
    await expect(
      revokeReportCitizenToken(ctx, officer, first.ticket, 'Warga melapor tokennya bocor'),
    ).rejects.toMatchObject({ httpStatus: 403 });
    expect(await citizenByToken(ctx, first.citizenToken)).toMatch(/-/);
    expect(await revokeReportCitizenToken(ctx, admin, first.ticket, 'Warga melapor tokennya bocor')).toEqual({
      ticket: first.ticket,
      revoked: true,
    });
    const refused = await refusalOf(citizenByToken(ctx, first.citizenToken));
    expect(refused).toMatchObject({ why: 'revoked', code: 'citizen_token_revoked' });
    expect(refused!.text.id).toMatch(/dicabut oleh administrator/);
    // again: nothing left to revoke, still audited
    expect(
      await revokeReportCitizenToken(ctx, admin, first.ticket, 'Diulang untuk memastikan'),
    ).toMatchObject({
      revoked: false,
    });
    await expect(
      revokeReportCitizenToken(ctx, admin, 'JK2611239999', 'Tiket yang tidak ada'),
    ).rejects.toMatchObject({ httpStatus: 404 });
    const audit = await auditOf('citizen_token_revoked');
    expect(audit.slice(-2)).toEqual([
      {
        actor_id: admin.id,
        subject: first.ticket,
        reason: 'Warga melapor tokennya bocor',
        detail: { revoked: true },
      },
      {
        actor_id: admin.id,
        subject: first.ticket,
        reason: 'Diulang untuk memastikan',
        detail: { revoked: false },
      },
    ]);
  });

  test('expiry: 180 days without use, unless a report is open or changed within them; each use pushes it back', async () => {
    const citizen = { kind: 'citizen' as const, unitId: null };
    // a report still open keeps its token alive however long it waits
    const open = await file();
    // withdrawn at once: only use keeps it alive
    const used = await file();
    await act(
      ctx,
      used.ticket,
      { type: 'withdraw' },
      { ...citizen, id: (await citizenByToken(ctx, used.citizenToken))! },
    );
    const unused = await file();
    await act(
      ctx,
      unused.ticket,
      { type: 'withdraw' },
      { ...citizen, id: (await citizenByToken(ctx, unused.citizenToken))! },
    );
    // closed by the city later: 180 days from that change
    const closedLater = await file();
    const closedLaterId = await citizenByToken(ctx, closedLater.citizenToken);

    ctx.advance(170 * DAY);
    expect(await citizenByToken(ctx, used.citizenToken)).toMatch(/-/);
    await act(ctx, closedLater.ticket, { type: 'withdraw' }, { ...citizen, id: closedLaterId! });

    ctx.advance(20 * DAY); // day 190
    expect(await citizenByToken(ctx, open.citizenToken)).toMatch(/-/);
    expect(await citizenByToken(ctx, used.citizenToken)).toMatch(/-/);
    const expired = await refusalOf(citizenByToken(ctx, unused.citizenToken));
    expect(expired).toMatchObject({ why: 'expired', code: 'citizen_token_expired', status: 401 });
    expect(expired!.text.id).toMatch(/180 hari/);
    expect(expired!.text.en).toMatch(/180 days/);

    ctx.advance(165 * DAY); // day 355: the withdrawal at day 170 is 185 days ago, the last use 165
    expect(await citizenByToken(ctx, used.citizenToken)).toMatch(/-/);
    expect(await refusalOf(citizenByToken(ctx, closedLater.citizenToken))).toMatchObject({ why: 'expired' });
    expect(await citizenByToken(ctx, open.citizenToken)).toMatch(/-/);
    // expired tokens cannot be rotated back to life
    expect(await refusalOf(rotateCitizenToken(ctx, unused.citizenToken))).toMatchObject({ why: 'expired' });
  });

  test('any string as a token: malformed or unknown, never an exception of another kind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ maxLength: 60 }).map((s) => `warga_${s}`),
          fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => `warga_${s}`),
        ),
        async (token) => {
          const check = await checkCitizenToken(ctx, token);
          expect(check.live).toBe(false);
          if (!check.live) {
            expect(['malformed', 'unknown']).toContain(check.why);
            expect(check.why === 'unknown').toBe(/^warga_[A-Za-z0-9_-]{43}$/.test(token));
          }
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });
});
