import type { Insertable, Kysely } from 'kysely';
import type { Database, LabelledExampleTable } from './schema.js';

type Db = Kysely<Database>;

export async function insertLabelledExample(db: Db, row: Insertable<LabelledExampleTable>): Promise<void> {
  await db.insertInto('labelled_example').values(row).execute();
}

/** Every labelled example in the order they were made (a later label of the same report wins when training). */
export async function listLabelledExamples(
  db: Db,
): Promise<{ id: string; reportId: string | null; text: string; category: string }[]> {
  const rows = await db
    .selectFrom('labelled_example')
    .select(['id', 'report_id', 'text', 'category_code'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, text: r.text, category: r.category_code }));
}
