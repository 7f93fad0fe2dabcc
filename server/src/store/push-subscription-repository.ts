import type { Kysely } from 'kysely';
import type { Database, PushSubscriptionTable } from './schema.js';

type Db = Kysely<Database>;
export type PushSubscriptionRow = PushSubscriptionTable;

/**
 * A browser follows a report: a new row, or the same browser's row for that report with its sealed subscription
 * replaced (browsers renew their keys). Its `last_seq` is kept when it already follows: nothing is pushed twice.
 */
export async function savePushSubscription(db: Db, row: PushSubscriptionRow): Promise<void> {
  await db
    .insertInto('push_subscription')
    .values(row)
    .onConflict((c) =>
      c.columns(['report_id', 'endpoint_key']).doUpdateSet((eb) => ({
        sealed: eb.ref('excluded.sealed'),
        key_id: eb.ref('excluded.key_id'),
        citizen_id: eb.ref('excluded.citizen_id'),
      })),
    )
    .execute();
}

/** A browser stops following a report; whether it was following it. */
export async function deletePushSubscription(
  db: Db,
  reportId: string,
  endpointKey: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('push_subscription')
    .where('report_id', '=', reportId)
    .where('endpoint_key', '=', endpointKey)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The browsers following a report that have not been sent its event `seq` yet. */
export async function pushSubscriptionsDue(
  db: Db,
  reportId: string,
  seq: number,
): Promise<PushSubscriptionRow[]> {
  return db
    .selectFrom('push_subscription')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('last_seq', '<', seq)
    .orderBy('created_at')
    .execute();
}

/** The browser was sent event `seq`. */
export async function markPushed(db: Db, id: string, seq: number): Promise<void> {
  await db
    .updateTable('push_subscription')
    .set({ last_seq: seq })
    .where('id', '=', id)
    .where('last_seq', '<', seq)
    .execute();
}

/** The push service says the subscription is gone (404/410): every report it followed forgets it. */
export async function deletePushEndpoint(db: Db, endpointKey: string): Promise<number> {
  const result = await db
    .deleteFrom('push_subscription')
    .where('endpoint_key', '=', endpointKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A citizen's token ended or was revoked: the browsers it subscribed are told nothing more. */
export async function deleteCitizenPushSubscriptions(db: Db, citizenId: string): Promise<number> {
  const result = await db
    .deleteFrom('push_subscription')
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many browsers follow a report (tests, and nothing that leaves the server). */
export async function countPushSubscriptions(db: Db, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('push_subscription')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
