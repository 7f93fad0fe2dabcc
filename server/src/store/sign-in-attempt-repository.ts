import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

// Transaction-scoped advisory locks, one class per kind of key, so that attempts on one account (or from one
// address) are counted and written one at a time in every process. Accounts are always locked before addresses.
const ACCOUNT_LOCK_CLASS = 7_401_002;
const ADDRESS_LOCK_CLASS = 7_401_003;

export interface AttemptLimits {
  /** failed or pending attempts on one account within the window that lock it */
  accountFailures: number;
  /** failed attempts from one address within the window that lock it */
  addressFailures: number;
  /** attempts from one address being checked at once beyond its remaining failure budget */
  addressInFlight: number;
  windowMs: number;
  /** a pending attempt older than this is taken as failed (its process ended while checking) */
  pendingMs: number;
}

export type Reservation =
  | { outcome: 'reserved'; id: string }
  | { outcome: 'refused'; limit: 'account' | 'address' | 'in_flight'; retryAt: Date };

/** When the `nth` newest of these attempt times leaves the window: until then they number at least `nth`. */
function freedAt(rows: { at: Date | string }[], nth: number, windowMs: number, fallback: Date): Date {
  const row = rows[nth - 1];
  return row ? new Date(new Date(row.at).getTime() + windowMs) : fallback;
}

/**
 * Counts the account's and the address's attempts within the window and, when neither is over its limit, writes
 * a pending attempt, in one short transaction under both keys' locks: concurrent attempts cannot all slip under
 * a limit. Attempts older than the window are swept on the way.
 */
export async function reserveSignInAttempt(
  db: Db,
  attempt: { id: string; accountKey: string; addressKey: string; at: Date },
  limits: AttemptLimits,
): Promise<Reservation> {
  const since = new Date(attempt.at.getTime() - limits.windowMs);
  const pendingSince = new Date(attempt.at.getTime() - limits.pendingMs);
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK_CLASS}, hashtext(${attempt.accountKey}))`.execute(
      tx,
    );
    await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_CLASS}, hashtext(${attempt.addressKey}))`.execute(
      tx,
    );
    await tx.deleteFrom('sign_in_attempt').where('at', '<=', since).execute();

    // newest first, at most as many as the limit needs: enough to count up to it and to say when it frees
    const onAccount = await tx
      .selectFrom('sign_in_attempt')
      .select('at')
      .where('account_key', '=', attempt.accountKey)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limits.accountFailures)
      .execute();
    if (onAccount.length >= limits.accountFailures)
      return {
        outcome: 'refused',
        limit: 'account',
        retryAt: freedAt(onAccount, limits.accountFailures, limits.windowMs, attempt.at),
      };

    const fromAddress = await tx
      .selectFrom('sign_in_attempt')
      .select(['at', 'failed'])
      .where('address_key', '=', attempt.addressKey)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(limits.addressFailures + limits.addressInFlight)
      .execute();
    const failed = fromAddress.filter((r) => r.failed || new Date(r.at) <= pendingSince);
    if (failed.length >= limits.addressFailures)
      return {
        outcome: 'refused',
        limit: 'address',
        retryAt: freedAt(failed, limits.addressFailures, limits.windowMs, attempt.at),
      };
    // pending attempts may all fail: at most addressInFlight of them beyond what the budget still allows
    if (fromAddress.length >= limits.addressFailures + limits.addressInFlight)
      return { outcome: 'refused', limit: 'in_flight', retryAt: new Date(attempt.at.getTime() + 5_000) };

    await tx
      .insertInto('sign_in_attempt')
      .values({
        id: attempt.id,
        account_key: attempt.accountKey,
        address_key: attempt.addressKey,
        at: attempt.at,
        failed: false,
      })
      .execute();
    return { outcome: 'reserved', id: attempt.id };
  });
}

/** The password was wrong: the attempt now counts as a failure for the rest of the window. */
export async function markSignInFailed(db: Db, id: string): Promise<void> {
  await db.updateTable('sign_in_attempt').set({ failed: true }).where('id', '=', id).execute();
}

/**
 * The password was right: the attempt is forgotten, and the account's earlier failures no longer count against
 * the account (they still count against the addresses they came from).
 */
export async function clearAfterSignIn(db: Db, id: string, accountKey: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sign_in_attempt').where('id', '=', id).execute();
    await tx
      .updateTable('sign_in_attempt')
      .set({ account_key: null })
      .where('account_key', '=', accountKey)
      .execute();
  });
}
