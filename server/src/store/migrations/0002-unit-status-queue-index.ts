import { type Kysely, sql } from 'kysely';

// A unit's queue filtered by one status (e.g. Proses) read through the status index and discarded other units'
// rows (measured: ~190 a page at 1M reports); this index serves it directly.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index report_unit_status_queue_idx on report (assigned_unit_id, status, created_at desc, id desc)`.execute(
    db,
  );
}
