import { type Kysely, sql } from 'kysely';

// The text the public may read, redacted once when the report is written (or its text edited), so public reads
// never open the identity vault. Rows written before this migration get it from the backfill at start-up
// (services/intake/public-text.ts); until then the public sees no text for them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report add column public_text text`.execute(db);
}
