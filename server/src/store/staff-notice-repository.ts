import type { Insertable, Kysely, Selectable } from 'kysely';
import { type Cursor, type Page, pageOf } from './keyset.js';
import type { Database, StaffNoticeTable } from './schema.js';

type Db = Kysely<Database>;

/** A stored notice with the ticket of the report it is about. */
export type StaffNoticeRow = Selectable<StaffNoticeTable> & { ticket: string };

export async function insertStaffNotices(db: Db, rows: Insertable<StaffNoticeTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('staff_notice').values(rows).execute();
}

function withTicket(db: Db) {
  return db
    .selectFrom('staff_notice as n')
    .innerJoin('report as r', 'r.id', 'n.report_id')
    .selectAll('n')
    .select('r.ticket');
}

/** One recipient's unread notices, newest first, a keyset page at a time (the partial index on unread rows). */
export async function listUnreadNotices(
  db: Db,
  recipientId: string,
  page: { cursor?: Cursor; limit: number },
): Promise<Page<StaffNoticeRow>> {
  let query = withTicket(db).where('n.recipient_id', '=', recipientId).where('n.read_at', 'is', null);
  const { cursor, limit } = page;
  if (cursor)
    query = query.where((eb) =>
      eb(eb.refTuple('n.created_at', 'n.id'), '<', eb.tuple(cursor.createdAt, cursor.id)),
    );
  const rows = await query
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit);
}

/**
 * Marks a recipient's notice read (once: a second call keeps the first time) and returns it; null when there is
 * no such notice for this recipient, whether it does not exist or belongs to someone else.
 */
export async function markNoticeRead(
  db: Db,
  id: string,
  recipientId: string,
  now: Date,
): Promise<StaffNoticeRow | null> {
  await db
    .updateTable('staff_notice')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .execute();
  const row = await withTicket(db)
    .where('n.id', '=', id)
    .where('n.recipient_id', '=', recipientId)
    .executeTakeFirst();
  return row ?? null;
}
