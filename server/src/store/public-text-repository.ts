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
