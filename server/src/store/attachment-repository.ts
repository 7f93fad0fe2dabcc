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

/** The derivative is made: the attachment is ready (once; a repeated job finds nothing left to update). */
export async function markAttachmentReady(
  db: Db,
  id: string,
  done: { width: number; height: number; durationSeconds: number },
): Promise<boolean> {
  const result = await db
    .updateTable('attachment')
    .set({
      processing: null,
      width: done.width,
      height: done.height,
      duration_seconds: done.durationSeconds,
    })
    .where('id', '=', id)
    .where('processing', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markAttachmentFailed(db: Db, id: string): Promise<void> {
  await db
    .updateTable('attachment')
    .set({ processing: 'failed' })
    .where('id', '=', id)
    .where('processing', 'is not', null)
    .execute();
}

/** Which of these attachment ids are stored (the staging sweep keeps the files of committed ones). */
export async function existingAttachmentIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('attachment').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
