import { type Kysely, sql } from 'kysely';

// Every message that arrives, on any channel, before it becomes (part of) a report. The same channel and external
// id twice is one message (webhook retries, an Idempotency-Key resent); a message without an id is always new. What the sender sent, and the first
// answer given, are sealed with the vault key (they may hold a phone number, a name, a citizen token); the
// sender is findable only through a keyed hash of their normalised handle.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_message (
      id uuid primary key,
      channel text not null,
      external_id text,
      request_hash text,
      sender_key text,
      report_id uuid not null references report (id),
      sealed bytea,
      key_id text,
      received_at timestamptz not null
    );
    -- only messages the channel named can arrive twice; the rest skip this index (intake speed)
    create unique index inbound_message_channel_external_id_key on inbound_message (channel, external_id)
      where external_id is not null;
    create index inbound_message_sender_idx on inbound_message (sender_key, received_at desc)
      where sender_key is not null;
  `.execute(db);
}
