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
