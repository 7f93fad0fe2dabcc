import type { Kysely } from 'kysely';
import { type ReportRow, rowToState } from './report-rows.js';
import type { ReportState } from '../domain/report-state.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

/** Reports whose public text was never written (rows from before 0009-public-text), a batch at a time. */
export async function reportsWithoutPublicText(db: Db, limit: number): Promise<ReportState[]> {
  const rows: ReportRow[] = await db
    .selectFrom('report')
    .selectAll()
    .where('public_text', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(rowToState);
}

export async function setPublicText(db: Db, reportId: string, publicText: string): Promise<void> {
  await db.updateTable('report').set({ public_text: publicText }).where('id', '=', reportId).execute();
}

export interface ReportWithPublicText {
  state: ReportState;
  /** Null until written (reports from before 0009-public-text, until the start-up backfill reaches them). */
  publicText: string | null;
}

/** A report with its stored public text, by ticket or id: what the read models build every view from. */
export async function findReportWithPublicText(
  db: Db,
  by: { ticket: string } | { id: string },
): Promise<ReportWithPublicText | null> {
  const query = db.selectFrom('report').selectAll();
  const row: ReportRow | undefined = await (
    'ticket' in by ? query.where('ticket', '=', by.ticket) : query.where('id', '=', by.id)
  ).executeTakeFirst();
  return row ? { state: rowToState(row), publicText: row.public_text } : null;
}

export interface NoteWithoutPublicForm {
  report: ReportState;
  seq: number;
  body: unknown;
}

/** Events with a note but no public form of it (rows from before 0013-public-notes), a batch at a time. */
export async function notesWithoutPublicForm(db: Db, limit: number): Promise<NoteWithoutPublicForm[]> {
  const rows = await db
    .selectFrom('report_event as e')
    .innerJoin('report as r', 'r.id', 'e.report_id')
    .selectAll('r')
    .select(['e.seq as event_seq', 'e.body as event_body'])
    .where('e.note', 'is not', null)
    .where('e.public_note', 'is', null)
    .orderBy('e.report_id')
    .orderBy('e.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ report: rowToState(row), seq: row.event_seq, body: row.event_body }));
}

export async function setPublicNote(
  db: Db,
  reportId: string,
  seq: number,
  publicNote: string,
): Promise<void> {
  await db
    .updateTable('report_event')
    .set({ public_note: publicNote })
    .where('report_id', '=', reportId)
    .where('seq', '=', seq)
    .execute();
}
