import { type Kysely, sql } from 'kysely';

// Every message that arrives, on any channel, before it becomes (part of) a report. The same channel and external
// id twice is one message (webhook retries, an Idempotency-Key resent). What the sender sent, and the first
// answer given, are sealed with the vault key (they may hold a phone number, a name, a citizen token); the
// sender is findable only through a keyed hash of their normalised handle.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_message (
      id uuid primary key,
      channel text not null,
      external_id text not null,
      request_hash text not null,
      sender_key text,
      report_id uuid not null references report (id),
      sealed bytea not null,
      key_id text not null,
      received_at timestamptz not null,
      constraint inbound_message_channel_external_id_key unique (channel, external_id)
    );
    create index inbound_message_sender_idx on inbound_message (sender_key, received_at desc)
      where sender_key is not null;
    create index inbound_message_report_idx on inbound_message (report_id);
  `.execute(db);
}
