import { type Kysely, sql } from 'kysely';

// Work that must follow a committed change (a video to transcode, a citizen to tell): written in the same
// transaction as the change, moved to the job queue (pg-boss, schema `pgboss`) by the relay after commit
// (services/jobs/relay.ts). The relay reads the oldest rows first.
//
// A citizen's notifications: one row per event a citizen should hear about, recorded by a job; the channels
// (e-mail, SMS, messaging; issue 13) deliver the undelivered ones, oldest first, and stamp them.
//
// attachment.processing: null = ready; 'pending' while its derivative (a transcoded video) is being made;
// 'failed' when the job gave up (the job is then on the dead-letter list for an administrator to retry).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox (
      id uuid primary key,
      job text not null,
      payload jsonb not null,
      created_at timestamptz not null
    );
    create index outbox_created_idx on outbox (created_at, id);
    create table citizen_notification (
      id uuid primary key,
      report_id uuid not null references report (id),
      event_seq integer not null,
      kind text not null check (kind in ('received', 'status_changed')),
      status text not null,
      created_at timestamptz not null,
      delivered_at timestamptz,
      unique (report_id, event_seq)
    );
    create index citizen_notification_undelivered_idx on citizen_notification (created_at, id)
      where delivered_at is null;
    alter table attachment add column processing text check (processing in ('pending', 'failed'));
  `.execute(db);
}
