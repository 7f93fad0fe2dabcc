import type { InsertQueryBuilder, Insertable, Kysely, QueryCreator } from 'kysely';
import { DomainError } from '../domain/domain-error.js';
import type { ReportEvent } from '../domain/report-events.js';
import type { ReportState } from '../domain/report-state.js';
import { eventToRow, type ReportRow, reviveEvent, rowToState, stateToRow } from './report-rows.js';
import type {
  AttachmentTable,
  CitizenTable,
  Database,
  ReporterIdentityTable,
  ReportLinkTable,
} from './schema.js';

type Db = Kysely<Database>;

export interface StoredEvent {
  seq: number;
  fromStatus: string | null;
  toStatus: string;
  event: ReportEvent;
}

export interface NewReportRows {
  state: ReportState;
  event: ReportEvent;
  citizen: Insertable<CitizenTable> | null;
  identity: Insertable<ReporterIdentityTable> | null;
  attachments: Insertable<AttachmentTable>[];
  /** Links to open reports that look like the same problem ("laporan serupa"). */
  similar?: Insertable<ReportLinkTable>[];
}

/**
 * Stores a new report with its first event, and the citizen, sealed identity and attachments that come with
 * it, as one statement: data-modifying CTEs run atomically in a single round trip, where a transaction of
 * separate inserts would need one per row plus BEGIN and COMMIT. Foreign keys are checked at the end of the
 * statement, so the children may reference the parents inserted alongside them.
 */
export async function insertNewReport(db: Db, rows: NewReportRows): Promise<void> {
  let query: QueryCreator<Database> = db;
  const alongside = (
    name: string,
    insert: (q: QueryCreator<Database>) => InsertQueryBuilder<Database, never, { id: string }>,
  ) => {
    // The CTE adds a name the final insert never reads, so the creator keeps the plain Database type.
    query = query.with(name, insert) as unknown as QueryCreator<Database>;
  };
  const { citizen, identity, attachments, similar } = rows;
  if (citizen) alongside('new_citizen', (q) => q.insertInto('citizen').values(citizen).returning('id'));
  if (identity)
    alongside('new_identity', (q) => q.insertInto('reporter_identity').values(identity).returning('id'));
  alongside('new_report', (q) => q.insertInto('report').values(stateToRow(rows.state)).returning('id'));
  if (attachments.length)
    alongside('new_attachments', (q) => q.insertInto('attachment').values(attachments).returning('id'));
  if (similar?.length)
    alongside('new_links', (q) => q.insertInto('report_link').values(similar).returning('report_id as id'));
  await query
    .insertInto('report_event')
    .values(eventToRow(rows.state.id, 1, rows.event, null, rows.state.status))
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
