import { type Kysely, sql } from 'kysely';

// Officers' re-categorisations are training data: their text is stored masked like the public text
// (services/model/labelled-examples.ts). Rows written before were the report's raw text; they stay false until the
// start-up pass masks them, and the category model is never trained on a row that is still false. The default
// stays false so that rows restored from a backup made before this column are masked at the next start too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table labelled_example add column redacted boolean not null default false`.execute(db);
}
