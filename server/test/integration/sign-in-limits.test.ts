import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { TooManyAttempts } from '../../src/domain/too-many-attempts.js';
import { createUser, login } from '../../src/services/identity/staff-auth.js';
import { type TestContext, testContext } from '../support/test-app.js';
import { testEngines } from '../support/test-store.js';

const PASSWORD = 'kata-sandi-uji-123';
const WRONG = 'bukan-kata-sandinya';
const LIMITS = { accountFailures: 5, addressFailures: 12 };
const PROXY = { address: '10.1.1.1', limits: LIMITS };

describe.each(testEngines())('sign-in limits count failures per account and per address (%s)', (engine) => {
  let ctx: TestContext;
  const staff = Array.from({ length: 30 }, (_, i) => `petugas.${i}`);

  const attempt = (username: string, password: string, client = PROXY) =>
    login(ctx, username, password, client).then(
      () => 200,
      (error: unknown) => (error as { httpStatus?: number }).httpStatus ?? error,
    );
  const auditOf = (action: string) =>
    ctx.store.db
      .selectFrom('audit_log')
      .select(['subject', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ctx = await testContext(engine);
    for (const username of staff)
      await createUser(ctx, {
        username,
        password: PASSWORD,
        role: 'officer',
        unitId: 'kel-3171061001',
        displayName: username,
      });
  });
  afterAll(() => ctx.close());
  beforeEach(async () => {
    // each test starts with a clean slate: the window has passed
    ctx.advance(16 * 60_000);
    await ctx.store.db.deleteFrom('sign_in_attempt').execute();
  });

  test('staff signing in correctly from one address never use up anything, one after another or all at once', async () => {
    for (let round = 0; round < 3; round++)
      for (const username of staff) expect(await attempt(username, PASSWORD)).toBe(200);
    expect(await Promise.all(staff.map((u) => attempt(u, PASSWORD)))).toEqual(staff.map(() => 200));
    const left = await ctx.store.db.selectFrom('sign_in_attempt').selectAll().execute();
    expect(left).toEqual([]);
  });

  test('five wrong passwords lock the account for the rest of the window, even for the right password', async () => {
    const victim = staff[0]!;
    for (let i = 0; i < 5; i++) {
      expect(await attempt(victim, WRONG)).toBe(401);
      ctx.advance(60_000);
    }
    const refused = await login(ctx, victim, PASSWORD, PROXY).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyAttempts);
    // the first failure leaves the window 15 minutes after it was made, 5 minutes ago
    expect((refused as TooManyAttempts).retryAfterSeconds).toBe(10 * 60);
    expect((refused as TooManyAttempts).text.id).toMatch(/akun ini.*10 menit/);
    expect((refused as TooManyAttempts).text.en).toMatch(/this account.*10 minutes/);
    // from another address too: guessing one account from many addresses is stopped alike
    expect(await attempt(victim, PASSWORD, { address: '198.51.100.4', limits: LIMITS })).toBe(429);
    // other accounts behind the same address are not affected
    expect(await attempt(staff[1]!, PASSWORD)).toBe(200);
    ctx.advance(10 * 60_000);
    expect(await attempt(victim, PASSWORD)).toBe(200);
    const throttled = await auditOf('login_throttled');
    expect(throttled.at(-1)).toMatchObject({ subject: victim, detail: { limit: 'account' } });
  });

  test('a correct password takes back the account’s count (not the address’s): typos now and then never add up', async () => {
    const user = staff[2]!;
    for (let round = 0; round < 4; round++) {
      const phone = { address: `198.51.100.${round}`, limits: LIMITS };
      for (let i = 0; i < 4; i++) expect(await attempt(user, WRONG, phone)).toBe(401);
      expect(await attempt(user, PASSWORD, phone)).toBe(200);
    }
    // the same from one address: its failures still count against it (12 here)
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(await attempt(user, WRONG)).toBe(401);
      expect(await attempt(user, PASSWORD)).toBe(round < 2 ? 200 : 429);
    }
  });

  test('concurrent guesses on one account cannot slip past the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        attempt(staff[3]!, `${WRONG}-${i}`, { address: `203.0.113.${i}`, limits: LIMITS }),
      ),
    );
    expect(results.filter((s) => s === 401)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(11);
  });

  test('spraying many accounts from one address uses up the address, not the accounts; other addresses go on', async () => {
    const sprayer = { address: '192.0.2.66', limits: LIMITS };
    const results = [];
    for (let i = 0; i < 14; i++) results.push(await attempt(staff[i % staff.length]!, WRONG, sprayer));
    expect(results).toEqual([...Array(12).fill(401), 429, 429]);
    // even a right password is refused from there for a while
    expect(await attempt(staff[20]!, PASSWORD, sprayer)).toBe(429);
    // names that are nobody's count alike (no telling which names exist)
    expect(await attempt('bukan.siapa.siapa', WRONG, sprayer)).toBe(429);
    // the accounts themselves stay usable from their own office
    expect(await attempt(staff[0]!, PASSWORD)).toBe(200);
    const throttled = await auditOf('login_throttled');
    expect(throttled.at(-1)).toMatchObject({
      subject: null,
      detail: { limit: 'address', address: '192.0.2.66' },
    });
  });

  test('a refused attempt is recorded with its limit and when to try again; nothing typed that is nobody’s name', async () => {
    const before = (await auditOf('login_throttled')).length;
    for (let i = 0; i < 5; i++) await attempt('kata-sandi-rahasia-saya', WRONG);
    expect(await attempt('kata-sandi-rahasia-saya', WRONG)).toBe(429);
    const after = await auditOf('login_throttled');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      subject: null,
      detail: { limit: 'account', retryAfterSeconds: 15 * 60, address: PROXY.address },
    });
    const stored = await ctx.store.db.selectFrom('sign_in_attempt').selectAll().execute();
    expect(JSON.stringify(stored)).not.toMatch(/kata-sandi-rahasia|10\.1\.1\.1/);
  });
});
