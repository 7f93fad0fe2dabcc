import type { Kysely, Selectable } from 'kysely';
import type { ReportRow } from './report-rows.js';
import type { Database, ReportEventTable } from './schema.js';

type Db = Kysely<Database>;
export type EventRowRead = Selectable<ReportEventTable>;

/** Reports in id order, a page at a time, for a walk through every history. */
export function reportsAfter(db: Db, afterId: string | null, limit: number): Promise<ReportRow[]> {
  let query = db.selectFrom('report').selectAll().orderBy('id').limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.execute();
}

/** Every event of these reports, by report and in order. */
export async function eventsOfReports(db: Db, reportIds: string[]): Promise<Map<string, EventRowRead[]>> {
  const byReport = new Map<string, EventRowRead[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return byReport;
  const rows = await db
    .selectFrom('report_event')
    .selectAll()
    .where('report_id', 'in', reportIds)
    .orderBy('report_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) byReport.get(row.report_id)?.push(row);
  return byReport;
}
