import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, EvidenceFlagTable } from './schema.js';

type Db = Kysely<Database>;
export type EvidenceFlagRow = Selectable<EvidenceFlagTable>;

export async function insertEvidenceFlags(db: Db, rows: Insertable<EvidenceFlagTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('evidence_flag').values(rows).execute();
}

export async function listEvidenceFlags(db: Db, reportId: string): Promise<EvidenceFlagRow[]> {
  return db
    .selectFrom('evidence_flag')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('level', 'desc') // warning before info
    .orderBy('code')
    .orderBy('id')
    .execute();
}
