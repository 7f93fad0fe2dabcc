import { type Kysely, sql } from 'kysely';

// Hash chains that make edits visible (security/chain-hash.ts): one through the audit log, one through each
// report's history. Rows written before this migration have no link; `sigap audit verify` counts them apart.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log add column hash text;
    alter table report_event add column hash text;
  `.execute(db);
}
