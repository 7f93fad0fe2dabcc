import type { OutboxItem } from './outbox-repository.js';
import { type Insertable, type Kysely, sql } from 'kysely';
import { DomainError } from '../domain/domain-error.js';
import type { ReportEvent } from '../domain/report-events.js';
import type { ReportState } from '../domain/report-state.js';
import { type NewReportTables, newReportsQuery } from './new-reports-statement.js';
import { headLinkOf, linkedEventRow } from './event-chain.js';
import { eventToRow, type ReportRow, reviveEvent, rowToState, stateToRow } from './report-rows.js';
import type {
  AttachmentTable,
  CitizenTable,
  Database,
  InboundMessageTable,
  ReporterIdentityTable,
  ReportLinkTable,
} from './schema.js';

type Db = Kysely<Database>;

export interface StoredEvent {
  seq: number;
  fromStatus: string | null;
  toStatus: string;
  event: ReportEvent;
  /** The event's note as the public may read it, masked when it was written. */
  publicNote: string | null;
}

export interface NewReportRows {
  state: ReportState;
  event: ReportEvent;
  /** The created event's link in the report's chain (store/event-chain.ts#linkedEventRow), made by intake. */
  eventHash: string;
  /** The report text's word signature (signatureOf), computed once at intake. */
  words: string;
  /** The text redacted for the public (the reporter's own details and any phone, e-mail or NIK masked). */
  publicText: string;
  citizen: Insertable<CitizenTable> | null;
  identity: Insertable<ReporterIdentityTable> | null;
  /** The message the report came from (every report has one). */
  inbound: Insertable<InboundMessageTable>;
  attachments: Insertable<AttachmentTable>[];
  /** Links to open reports that look like the same problem ("laporan serupa"). */
  similar?: Insertable<ReportLinkTable>[];
  /** Work owed once the report is stored, as outbox rows (written by the same statement). */
  outbox?: OutboxItem[];
}

/**
 * Stores new reports, each with its first event and the citizen, sealed identity, attachments and links that
 * come with it, in one statement (see new-reports-statement.ts): all of them or none.
 */
export async function insertNewReports(db: Db, reports: readonly NewReportRows[]): Promise<void> {
  const tables: NewReportTables = {
    citizen: [],
    reporter_identity: [],
    report: [],
    inbound_message: [],
    attachment: [],
    report_link: [],
    report_event: [],
    outbox: [],
  };
  for (const rows of reports) {
    if (rows.citizen) tables.citizen.push(rows.citizen);
    if (rows.identity) tables.reporter_identity.push(rows.identity);
    tables.report.push({ ...stateToRow(rows.state, rows.words), public_text: rows.publicText });
    tables.inbound_message.push(rows.inbound);
    tables.attachment.push(...rows.attachments);
    if (rows.similar) tables.report_link.push(...rows.similar);
    tables.report_event.push({
      ...eventToRow(rows.state.id, 1, rows.event, null, rows.state.status),
      hash: rows.eventHash,
    });
    if (rows.outbox) tables.outbox.push(...rows.outbox);
  }
  await db.executeQuery(newReportsQuery(tables));
}

/**
 * Appends an event and stores the new state, guarded by the event count the caller read: a concurrent change
 * makes this fail with 409 instead of silently overwriting it.
 */
export async function appendEvent(
  db: Db,
  /** The secret of the report's hash chain (Vault#chainSecret). */
  chainSecret: Buffer,
  before: ReportState,
  after: ReportState,
  event: ReportEvent,
  written: {
    /** The new public text, when the event changed the text. */
    publicText?: string;
    /** The event's note as the public may read it (services/intake/public-text.ts#publicNoteFor). */
    publicNote?: string | null;
  } = {},
): Promise<void> {
  const { publicText } = written;
  const result = await db
    .updateTable('report')
    .set(publicText === undefined ? stateToRow(after) : { ...stateToRow(after), public_text: publicText })
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
  const previous = await headLinkOf(db, chainSecret, before.id, before.eventCount);
  const row = eventToRow(before.id, after.eventCount, event, before.status, after.status);
  await db
    .insertInto('report_event')
    .values({ ...linkedEventRow(chainSecret, previous, row), public_note: written.publicNote ?? null })
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

/**
 * Whether a report's category is still the model's choice: the model chose it at intake (the created event
 * keeps its decision) and no officer has recategorised it since.
 */
export async function categoryIsTheModels(db: Db, ticket: string): Promise<boolean> {
  const row = await db
    .selectFrom('report as r')
    .select(
      sql<boolean>`exists (
          select 1 from report_event e
          where e.report_id = r.id and e.seq = 1 and jsonb_typeof(e.body -> 'classification') = 'object')
        and not exists (select 1 from report_event e where e.report_id = r.id and e.type = 'recategorised')`.as(
        'by_model',
      ),
    )
    .where('r.ticket', '=', ticket)
    .executeTakeFirst();
  return row?.by_model ?? false;
}

export async function listEvents(db: Db, reportId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('report_event')
    // as text: parsed once, by reviveEvent (a jsonb column would be parsed by the driver, then again there)
    .select(['seq', 'from_status', 'to_status', sql<string>`body::text`.as('body'), 'public_note'])
    .where('report_id', '=', reportId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    event: reviveEvent(r.body),
    publicNote: r.public_note,
  }));
}

export function toStates(rows: ReportRow[]): ReportState[] {
  return rows.map(rowToState);
}
