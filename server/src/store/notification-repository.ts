import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CitizenNotificationTable, Database } from './schema.js';

type Db = Kysely<Database>;

export type CitizenNotificationRow = Selectable<CitizenNotificationTable>;

/** Records a notification once per report event: a second delivery of the same job changes nothing. */
export async function recordCitizenNotification(
  db: Db,
  row: Insertable<CitizenNotificationTable>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('citizen_notification')
    .values(row)
    .onConflict((oc) => oc.columns(['report_id', 'event_seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The notifications of one report, oldest first. */
export function listCitizenNotifications(db: Db, reportId: string): Promise<CitizenNotificationRow[]> {
  return db
    .selectFrom('citizen_notification')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('event_seq')
    .execute();
}

/** Whether the notification of this event has been delivered (null: not recorded). */
export async function notificationDeliveredAt(
  db: Db,
  reportId: string,
  seq: number,
): Promise<{ deliveredAt: Date | null } | null> {
  const row = await db
    .selectFrom('citizen_notification')
    .select('delivered_at')
    .where('report_id', '=', reportId)
    .where('event_seq', '=', seq)
    .executeTakeFirst();
  return row ? { deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null } : null;
}

export async function markNotificationDelivered(
  db: Db,
  reportId: string,
  seq: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('citizen_notification')
    .set({ delivered_at: at })
    .where('report_id', '=', reportId)
    .where('event_seq', '=', seq)
    .where('delivered_at', 'is', null)
    .execute();
}
