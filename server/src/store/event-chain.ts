import type { Insertable, Kysely, Selectable } from 'kysely';
import { chainLink } from '../security/chain-hash.js';
import type { ReportEvent } from '../domain/report-events.js';
import type { ReportState } from '../domain/report-state.js';
import { eventToRow } from './report-rows.js';
import type { Database, ReportEventTable } from './schema.js';

type Db = Kysely<Database>;
type EventRow = Insertable<ReportEventTable> | Selectable<ReportEventTable>;

/** What an event's link covers: every column but the link itself, as the database gives it back. */
export function eventLinkContent(row: EventRow) {
  return {
    report_id: row.report_id,
    seq: row.seq,
    type: row.type,
    from_status: row.from_status ?? null,
    to_status: row.to_status,
    actor_kind: row.actor_kind,
    actor_id: row.actor_id ?? null,
    actor_unit_id: row.actor_unit_id ?? null,
    target_unit_id: row.target_unit_id ?? null,
    note: row.note ?? null,
    body: row.body,
    created_at: new Date(row.created_at as Date | string).toISOString(),
  };
}

/** The row with its link in its report's chain (the first event follows the empty link). */
export function linkedEventRow(
  secret: Buffer,
  previous: string,
  row: Insertable<ReportEventTable>,
): Insertable<ReportEventTable> {
  return { ...row, hash: chainLink(secret, previous, eventLinkContent(row)) };
}

/** The link of a new report's created event (the first of its chain). */
export function createdEventLink(secret: Buffer, state: ReportState, event: ReportEvent): string {
  return chainLink(secret, '', eventLinkContent(eventToRow(state.id, 1, event, null, state.status)));
}

/**
 * The link of a report's newest event, linking the report's older events first when they were written before
 * the chain existed (so that a linked event never follows an unlinked one).
 */
export async function headLinkOf(db: Db, secret: Buffer, reportId: string, seq: number): Promise<string> {
  const head = await db
    .selectFrom('report_event')
    .select('hash')
    .where('report_id', '=', reportId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (head?.hash) return head.hash;
  return linkReportEvents(db, secret, reportId);
}

/** Links every unlinked event of one report, in order; returns the link of its newest event. */
export async function linkReportEvents(db: Db, secret: Buffer, reportId: string): Promise<string> {
  const rows = await db
    .selectFrom('report_event')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
  let previous = '';
  for (const row of rows) {
    const hash = row.hash ?? chainLink(secret, previous, eventLinkContent(row));
    if (row.hash === null)
      await db
        .updateTable('report_event')
        .set({ hash })
        .where('report_id', '=', reportId)
        .where('seq', '=', row.seq)
        .execute();
    previous = hash;
  }
  return previous;
}

/** Reports that still have events written before the chain existed (a start-up pass links them). */
export async function reportsWithUnlinkedEvents(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('report_event')
    .select('report_id')
    .distinct()
    .where('hash', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.report_id);
}
