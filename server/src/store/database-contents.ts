import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

// Whether a database already holds data: the demo seeds only an empty one; a restore needs one without
// reports.

/** True when at least one report is stored (one row looked at, not a count of them all). */
export async function hasReports(db: Db): Promise<boolean> {
  return (await db.selectFrom('report').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** True when at least one staff account exists. */
export async function hasUsers(db: Db): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst()) !== undefined;
}
