import { type Kysely, sql } from 'kysely';

// The analysed words of each report's text, kept with the row so the duplicate check compares a short word
// list per candidate instead of re-analysing every candidate's text at each intake. Rows from before stay
// null and are analysed when read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report add column words text`.execute(db);
}
