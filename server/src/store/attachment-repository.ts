import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AttachmentTable, CropHashTable, Database } from './schema.js';

type Db = Kysely<Database>;
export type AttachmentRow = Selectable<AttachmentTable>;

export async function insertAttachments(db: Db, rows: Insertable<AttachmentTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('attachment').values(rows).execute();
}

export async function insertCropHashes(db: Db, rows: Insertable<CropHashTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('attachment_crop_hash').values(rows).execute();
}

export async function listAttachments(db: Db, reportId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachment')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | null> {
  return (await db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
