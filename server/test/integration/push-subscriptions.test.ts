import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PushSender, PushSubscriptionData } from '../../src/services/channels/push-sender.js';
import { followReport, pushStatusChange, unfollowReport } from '../../src/services/channels/push.js';
import { act } from '../../src/services/handling/actions.js';
import { endOwnCitizenToken, revokeReportCitizenToken } from '../../src/services/identity/citizen-tokens.js';
import { createUser } from '../../src/services/identity/staff-auth.js';
import { createReport } from '../../src/services/intake/intake.js';
import type { StaffUser } from '../../src/store/people-repository.js';
import {
  countPushSubscriptions,
  pushSubscriptionsDue,
} from '../../src/store/push-subscription-repository.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const REPORT = {
  text: 'Saluran air tersumbat di Menteng',
  address: 'Menteng',
  category: 'jalan',
  private: false,
};
const P256DH = `B${'A'.repeat(86)}`;

/**
 * The push service's side as the store sees it: which browsers were sent what, and what each answers. (The real
 * sender, over HTTP to a fake push service, is in test/e2e/push-notifications.test.ts.)
 */
function recordingPush(): PushSender & {
  sent: Array<{ endpoint: string; payload: string }>;
  answers: Map<string, 'gone' | 'fail'>;
} {
  const sent: Array<{ endpoint: string; payload: string }> = [];
  const answers = new Map<string, 'gone' | 'fail'>();
  return {
    publicKey: 'BPublicKey',
    sent,
    answers,
    allows: (endpoint) => endpoint.startsWith('https://push.example/'),
    async send(subscription: PushSubscriptionData, payload: string) {
      const answer = answers.get(subscription.endpoint);
      if (answer === 'fail') throw new Error('push service answered 503');
      if (answer === 'gone') return 'gone';
      sent.push({ endpoint: subscription.endpoint, payload });
      return 'sent';
    },
  };
}

const browser = (n: number): PushSubscriptionData => ({
  endpoint: `https://push.example/send/${n}`,
  keys: { p256dh: P256DH, auth: `auth-secret-${n}`.padEnd(22, 'x') },
});

describe.each(testEngines())('push subscriptions in the store (%s)', (engine) => {
  let ctx: TestContext;
  let push: ReturnType<typeof recordingPush>;
  let admin: StaffUser;

  const reportIdOf = async (ticket: string) =>
    (
      await ctx.store.db
        .selectFrom('report')
        .select('id')
        .where('ticket', '=', ticket)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    ctx = await testContext(engine);
    push = recordingPush();
    ctx.push = push;
    const account = (username: string, role: 'admin' | 'officer') =>
      createUser(ctx, {
        username,
        password: 'kata-sandi-uji-123',
        role,
        unitId: 'kel-3171061001',
        displayName: username,
      });
    admin = await account('admin.push', 'admin');
  });
  afterAll(() => ctx.close());

  test('follow, follow again, due once per event, 410 forgets the browser for every report it followed', async () => {
    const first = await createReport(ctx, REPORT, [], null);
    const second = await createReport(ctx, REPORT, [], first.citizenToken);
    const [firstId, secondId] = [await reportIdOf(first.ticket), await reportIdOf(second.ticket)];
    await followReport(ctx, first.citizenToken, first.ticket, browser(1));
    await followReport(ctx, first.citizenToken, first.ticket, {
      ...browser(1),
      keys: { ...browser(1).keys, auth: 'renewed'.padEnd(22, 'y') },
    });
    await followReport(ctx, first.citizenToken, first.ticket, browser(2));
    await followReport(ctx, first.citizenToken, second.ticket, browser(2));
    expect(await countPushSubscriptions(ctx.store.db, firstId)).toBe(2);
    // the event count when it subscribed: nothing older is due
    expect(await pushSubscriptionsDue(ctx.store.db, firstId, 1)).toEqual([]);

    // the renewed keys are the ones used
    expect(await pushStatusChange(ctx, { reportId: firstId, seq: 2, status: 'proses' })).toEqual({
      sent: 2,
      gone: 0,
    });
    expect(push.sent.map((s) => s.endpoint)).toEqual([browser(1).endpoint, browser(2).endpoint]);
    expect(JSON.parse(push.sent[0]!.payload)).toEqual({
      ticket: first.ticket,
      status: { code: 'proses', label: { id: 'Proses', en: 'In progress' } },
    });
    const row = await ctx.store.db
      .selectFrom('push_subscription')
      .selectAll()
      .where('report_id', '=', firstId)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    expect((ctx.vault.openValue(row.sealed) as PushSubscriptionData).keys.auth).toMatch(/^renewed/);
    // the same event again (a retried job) sends nothing
    expect(await pushStatusChange(ctx, { reportId: firstId, seq: 2, status: 'proses' })).toEqual({
      sent: 0,
      gone: 0,
    });

    // browser 1 fails: browser 2 is served, browser 1 stays due, and the job throws to be retried
    push.answers.set(browser(1).endpoint, 'fail');
    await expect(pushStatusChange(ctx, { reportId: firstId, seq: 3, status: 'selesai' })).rejects.toThrow(
      /503/,
    );
    expect((await pushSubscriptionsDue(ctx.store.db, firstId, 3)).length).toBe(1);
    push.answers.delete(browser(1).endpoint);
    expect(await pushStatusChange(ctx, { reportId: firstId, seq: 3, status: 'selesai' })).toEqual({
      sent: 1,
      gone: 0,
    });

    // browser 2 is gone: both reports forget it
    push.answers.set(browser(2).endpoint, 'gone');
    expect(await pushStatusChange(ctx, { reportId: firstId, seq: 4, status: 'proses' })).toEqual({
      sent: 1,
      gone: 2,
    });
    expect(await countPushSubscriptions(ctx.store.db, firstId)).toBe(1);
    expect(await countPushSubscriptions(ctx.store.db, secondId)).toBe(0);

    await unfollowReport(ctx, first.citizenToken, first.ticket, browser(1).endpoint);
    expect(await countPushSubscriptions(ctx.store.db, firstId)).toBe(0);
  });

  test('an officer’s status change owes a push job; ending or revoking the token forgets the browsers', async () => {
    const filed = await createReport(ctx, REPORT, [], null);
    const id = await reportIdOf(filed.ticket);
    await followReport(ctx, filed.citizenToken, filed.ticket, browser(3));
    const { assigned_unit_id: unitId } = await ctx.store.db
      .selectFrom('report')
      .select('assigned_unit_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const lurah = await createUser(ctx, {
      username: `lurah.push.${engine}`,
      password: 'kata-sandi-uji-123',
      role: 'officer',
      unitId: unitId!,
      displayName: 'Lurah',
    });
    await act(
      ctx,
      filed.ticket,
      { type: 'start_process', note: null },
      { kind: 'officer', id: lurah.id, unitId: unitId! },
    );
    const owed = await ctx.store.db
      .selectFrom('outbox')
      .select(['job', 'payload'])
      .where('job', '=', 'push-citizen')
      .execute();
    expect(owed.map((o) => o.payload)).toContainEqual({ reportId: id, seq: 2, status: 'proses' });

    await endOwnCitizenToken(ctx, filed.citizenToken);
    expect(await countPushSubscriptions(ctx.store.db, id)).toBe(0);

    const other = await createReport(ctx, REPORT, [], null);
    const otherId = await reportIdOf(other.ticket);
    await followReport(ctx, other.citizenToken, other.ticket, browser(4));
    await revokeReportCitizenToken(ctx, admin, other.ticket, 'Token bocor');
    expect(await countPushSubscriptions(ctx.store.db, otherId)).toBe(0);
  });

  test('someone else’s report, an unknown push service, and a server without push are refused', async () => {
    const mine = await createReport(ctx, REPORT, [], null);
    const theirs = await createReport(ctx, REPORT, [], null);
    await expect(followReport(ctx, mine.citizenToken, theirs.ticket, browser(5))).rejects.toMatchObject({
      httpStatus: 404,
    });
    await expect(
      followReport(ctx, mine.citizenToken, mine.ticket, {
        ...browser(5),
        endpoint: 'https://evil.example/x',
      }),
    ).rejects.toMatchObject({ httpStatus: 422, code: 'push_service_refused' });
    ctx.push = undefined;
    await expect(followReport(ctx, mine.citizenToken, mine.ticket, browser(5))).rejects.toMatchObject({
      httpStatus: 404,
      code: 'push_unavailable',
    });
    ctx.push = push;
  });
});
