import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** One outbox row as the services make it: the payload is a plain object of ids. */
export interface OutboxItem {
  id: string;
  job: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

export interface OutboxEntry {
  id: string;
  job: string;
  payload: unknown;
}

export async function insertOutbox(db: Db, items: readonly OutboxItem[]): Promise<void> {
  if (items.length)
    await db
      .insertInto('outbox')
      .values(items.map((item) => ({ ...item, payload: JSON.stringify(item.payload) })))
      .execute();
}

/**
 * Takes the oldest `limit` rows out of the outbox. Run inside the transaction that creates their jobs: the rows
 * are gone exactly when the jobs exist. Rows another relay holds are skipped (SKIP LOCKED), so relays in several
 * processes share the outbox without waiting on or doubling each other.
 */
export async function takeOutbox(tx: Db, limit: number, jobs: readonly string[]): Promise<OutboxEntry[]> {
  if (!jobs.length) return [];
  return tx
    .deleteFrom('outbox')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('job', 'in', jobs)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'job', 'payload'])
    .execute();
}

/** How many rows wait in the outbox (for tests and the operator). */
export async function countOutbox(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
