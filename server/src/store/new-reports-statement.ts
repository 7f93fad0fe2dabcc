import { CompiledQuery, type Insertable } from 'kysely';
import type { OutboxItem } from './outbox-repository.js';
import type {
  AttachmentTable,
  InboundMessageTable,
  CitizenTable,
  ReporterIdentityTable,
  ReportEventTable,
  ReportLinkTable,
  ReportTable,
} from './schema.js';

/** The rows of any number of new reports, table by table, parents before children. */
export interface NewReportTables {
  citizen: Insertable<CitizenTable>[];
  reporter_identity: Insertable<ReporterIdentityTable>[];
  report: Insertable<ReportTable>[];
  inbound_message: Insertable<InboundMessageTable>[];
  attachment: Insertable<AttachmentTable>[];
  report_link: Insertable<ReportLinkTable>[];
  report_event: Insertable<ReportEventTable>[];
  /** Work owed once the reports are stored (a video to transcode, a reply to send). */
  outbox: OutboxItem[];
}

const TABLES: readonly (keyof NewReportTables)[] = [
  'citizen',
  'reporter_identity',
  'report',
  'inbound_message',
  'attachment',
  'report_link',
  'report_event',
  'outbox',
];

function statementText(): string {
  const inserts = TABLES.map(
    (table) =>
      `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json -> '${table}')`,
  );
  const last = inserts.pop();
  return `with ${inserts.map((text, i) => `t${i} as (${text})`).join(',\n  ')}\n${last}`;
}

/**
 * One statement that writes every row of a batch of new reports: a data-modifying CTE per table, each inserting
 * its rows from one JSON parameter with json_populate_recordset, which maps keys to the table's own columns.
 * It is atomic, takes one round trip and one commit whatever the batch size, and its text never changes, so
 * each connection prepares and plans it once (multi-row VALUES would be a new statement for every row count).
 * Building it costs one native JSON.stringify instead of escaping every value into array literals. A column
 * missing from a row is null, never its default: tables written here must not rely on column defaults.
 * Foreign keys are checked at the end of the statement, so children may reference parents inserted alongside.
 */
export const NEW_REPORTS_SQL = statementText();

const hexOf = (bytes: Buffer) => `\\x${Buffer.from(bytes).toString('hex')}`;

export function newReportsQuery(rows: NewReportTables): CompiledQuery {
  const json = JSON.stringify({
    ...rows,
    // bytea from JSON text takes PostgreSQL's hex form
    reporter_identity: rows.reporter_identity.map((row) => ({ ...row, sealed: hexOf(row.sealed) })),
    inbound_message: rows.inbound_message.map((row) => ({ ...row, sealed: row.sealed && hexOf(row.sealed) })),
  });
  return CompiledQuery.raw(NEW_REPORTS_SQL, [json]);
}
