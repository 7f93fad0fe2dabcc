import type { Insertable, Kysely } from 'kysely';
import type { ReportState } from '../domain/report-state.js';
import { type ReportRow, rowToState } from './report-rows.js';
import type { Database, LabelledExampleTable } from './schema.js';

type Db = Kysely<Database>;

export async function insertLabelledExample(db: Db, row: Insertable<LabelledExampleTable>): Promise<void> {
  await db.insertInto('labelled_example').values(row).execute();
}

/**
 * Every labelled example whose text is masked, in the order they were made (a later label of the same report wins
 * when training). Rows from before 0017 wait for the start-up pass: a model never learns from a raw text.
 */
export async function listLabelledExamples(
  db: Db,
): Promise<{ id: string; reportId: string | null; text: string; category: string }[]> {
  const rows = await db
    .selectFrom('labelled_example')
    .select(['id', 'report_id', 'text', 'category_code'])
    .where('redacted', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, text: r.text, category: r.category_code }));
}

export interface UnredactedExample {
  id: string;
  text: string;
  /** The report it was labelled from, whose reporter's details are masked in it; null when it has none. */
  report: ReportState | null;
}

/** Labelled examples stored with the raw text (before 0017), a batch at a time. */
export async function unredactedLabelledExamples(db: Db, limit: number): Promise<UnredactedExample[]> {
  const rows = await db
    .selectFrom('labelled_example as e')
    .leftJoin('report as r', 'r.id', 'e.report_id')
    .selectAll('r')
    .select(['e.id as example_id', 'e.text as example_text'])
    .where('e.redacted', '=', false)
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.example_id,
    text: row.example_text,
    report: row.id === null ? null : rowToState(row as ReportRow),
  }));
}

export async function setRedactedExampleText(db: Db, id: string, text: string): Promise<void> {
  await db.updateTable('labelled_example').set({ text, redacted: true }).where('id', '=', id).execute();
}
