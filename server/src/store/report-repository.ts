import { type Kysely, sql } from 'kysely';
import { DomainError } from '../domain/domain-error.js';
import type { ReportEvent } from '../domain/report-events.js';
import type { ReportState } from '../domain/report-state.js';
import { eventToRow, type ReportRow, reviveEvent, rowToState, stateToRow } from './report-rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

export interface StoredEvent {
  seq: number;
  fromStatus: string | null;
  toStatus: string;
  event: ReportEvent;
}

/** Reserves the next serial of a city-local day; atomic on both engines, so tickets stay unique under load. */
export async function nextTicketSerial(db: Db, localDay: string): Promise<number> {
  const row = await db
    .insertInto('ticket_counter')
    .values({ day: localDay, last_serial: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last_serial: sql`ticket_counter.last_serial + 1` }))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function insertReport(db: Db, state: ReportState, event: ReportEvent): Promise<void> {
  await db.insertInto('report').values(stateToRow(state)).execute();
  await db
    .insertInto('report_event')
    .values(eventToRow(state.id, 1, event, null, state.status))
    .execute();
}

/**
 * Appends an event and stores the new state, guarded by the event count the caller read: a concurrent change
 * makes this fail with 409 instead of silently overwriting it.
 */
export async function appendEvent(
  db: Db,
  before: ReportState,
  after: ReportState,
  event: ReportEvent,
): Promise<void> {
  const result = await db
    .updateTable('report')
    .set(stateToRow(after))
    .where('id', '=', before.id)
    .where('event_count', '=', before.eventCount)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw DomainError.conflict(
      {
        id: 'Laporan baru saja diubah orang lain; muat ulang lalu coba lagi',
        en: 'The report was just changed by someone else; reload and try again',
      },
      'concurrent_change',
    );
  await db
    .insertInto('report_event')
    .values(eventToRow(before.id, after.eventCount, event, before.status, after.status))
    .execute();
}

export async function findReportByTicket(db: Db, ticket: string): Promise<ReportState | null> {
  const row = await db.selectFrom('report').selectAll().where('ticket', '=', ticket).executeTakeFirst();
  return row ? rowToState(row) : null;
}

export async function findReportById(db: Db, id: string): Promise<ReportState | null> {
  const row = await db.selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToState(row) : null;
}

export async function listEvents(db: Db, reportId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('report_event')
    .select(['seq', 'from_status', 'to_status', 'body'])
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    event: reviveEvent(r.body),
  }));
}

export function toStates(rows: ReportRow[]): ReportState[] {
  return rows.map(rowToState);
}
