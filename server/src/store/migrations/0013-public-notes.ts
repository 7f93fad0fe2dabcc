import { type Kysely, sql } from 'kysely';

// The note of each event as the public may read it, masked once when the event is written
// (services/intake/public-text.ts), so the page of a public report never opens the identity vault. Events written
// before this migration get it from the start-up backfill; until then the public sees no note for them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table report_event add column public_note text`.execute(db);
}
