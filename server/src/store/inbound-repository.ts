import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, InboundMessageTable } from './schema.js';

type Db = Kysely<Database>;
export type InboundRow = Selectable<InboundMessageTable>;

/** The message a channel already delivered under this id, if any. */
export async function findInboundMessage(
  db: Db,
  channel: string,
  externalId: string,
): Promise<InboundRow | null> {
  const row = await db
    .selectFrom('inbound_message')
    .selectAll()
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ?? null;
}

/** The tickets of the reports one sender's messages went to, newest message first. */
export async function ticketsOfSender(db: Db, senderKey: string, limit = 50): Promise<string[]> {
  const rows = await db
    .selectFrom('inbound_message as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .select('r.ticket')
    .where('m.sender_key', '=', senderKey)
    .orderBy('m.received_at', 'desc')
    .limit(limit)
    .execute();
  return [...new Set(rows.map((r) => r.ticket))];
}

/** One report by ticket, if a message of this sender went to it (their own report): its ticket and status. */
export async function findSendersReport(
  db: Db,
  senderKey: string,
  ticket: string,
): Promise<{ ticket: string; status: string } | null> {
  const row = await db
    .selectFrom('inbound_message as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .select(['r.ticket', 'r.status'])
    .where('m.sender_key', '=', senderKey)
    .where('r.ticket', '=', ticket)
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** The ticket of the report a channel's message (by its external id) went to. */
export async function ticketOfMessage(db: Db, channel: string, externalId: string): Promise<string | null> {
  const row = await db
    .selectFrom('inbound_message as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .select('r.ticket')
    .where('m.channel', '=', channel)
    .where('m.external_id', '=', externalId)
    .executeTakeFirst();
  return row?.ticket ?? null;
}

/**
 * The newest report one sender sent on one channel that is still waiting (Menunggu) and was filed at or after
 * `since`: where a follow-up message from them joins.
 */
export async function findJoinableReport(
  db: Db,
  senderKey: string,
  channel: string,
  since: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('inbound_message as m')
    .innerJoin('report as r', 'r.id', 'm.report_id')
    .select('r.ticket')
    .where('m.sender_key', '=', senderKey)
    .where('m.channel', '=', channel)
    .where('r.status', '=', 'menunggu')
    .where('r.created_at', '>=', since)
    .orderBy('r.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ticket ?? null;
}

export async function insertInboundMessage(db: Db, row: Insertable<InboundMessageTable>): Promise<void> {
  await db.insertInto('inbound_message').values(row).execute();
}

/** Whether an error is the unique key of inbound messages: the same message was stored meanwhile. */
export function isDuplicateInbound(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === 'inbound_message_channel_external_id_key';
}

/** The sealed messages a report came in by, on its own channel, oldest first: where its sender can be answered. */
export function sealedMessagesOf(
  db: Db,
  reportId: string,
  channel: string,
): Promise<Pick<InboundRow, 'sealed' | 'sender_key' | 'external_id'>[]> {
  return db
    .selectFrom('inbound_message')
    .select(['sealed', 'sender_key', 'external_id'])
    .where('report_id', '=', reportId)
    .where('channel', '=', channel)
    .where('sealed', 'is not', null)
    .orderBy('received_at')
    .execute();
}

/**
 * When one sender's newest message on a channel was received, whichever report it went to: the start of
 * WhatsApp's 24-hour window. Only messages that were stored count (a CEK question is answered, not stored).
 */
export async function lastInboundAt(db: Db, senderKey: string, channel: string): Promise<Date | null> {
  const row = await db
    .selectFrom('inbound_message')
    .select((eb) => eb.fn.max('received_at').as('last'))
    .where('sender_key', '=', senderKey)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : null;
}
