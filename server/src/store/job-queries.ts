import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** pg-boss's schema (its default); its tables are pg-boss's own and are read here only, never written. */
export const JOB_SCHEMA = 'pgboss';

export interface FailedJobRow {
  id: string;
  name: string;
  data: unknown;
  retry_count: number;
  output: unknown;
  created_on: Date;
  completed_on: Date;
}

/**
 * Jobs of the given queues that ran out of retries (pg-boss state `failed`), most recently failed first, a page
 * at a time after the (completed_on, id) of the last row shown.
 */
export async function listFailedJobs(
  db: Db,
  queues: readonly string[],
  page: { limit: number; after?: { at: Date; id: string } },
): Promise<FailedJobRow[]> {
  const after = page.after ? sql`and (completed_on, id) < (${page.after.at}, ${page.after.id}::uuid)` : sql``;
  const result = await sql<FailedJobRow>`
    select id, name, data, retry_count, output, created_on, completed_on
    from ${sql.table(`${JOB_SCHEMA}.job`)}
    where state = 'failed' and name = any(${[...queues]}::text[]) ${after}
    order by completed_on desc, id desc
    limit ${page.limit}`.execute(db);
  return result.rows;
}

/** The queue of a failed job, or null when no job of these queues with that id has failed. */
export async function failedJobQueue(db: Db, queues: readonly string[], id: string): Promise<string | null> {
  const result = await sql<{ name: string }>`
    select name from ${sql.table(`${JOB_SCHEMA}.job`)}
    where id = ${id}::uuid and state = 'failed' and name = any(${[...queues]}::text[])
    limit 1`.execute(db);
  return result.rows[0]?.name ?? null;
}
