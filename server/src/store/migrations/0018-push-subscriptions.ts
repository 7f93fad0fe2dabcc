import { type Kysely, sql } from 'kysely';

// Web Push subscriptions (services/channels/push.ts): a browser that asked to be told when a report it follows
// changes status. One row per report and browser. The subscription (the push service's endpoint URL and the
// browser's keys) is personal data: it is sealed by the vault like an inbound sender's handle, and found again by
// `endpoint_key`, a keyed hash of the endpoint. `last_seq` is the report event last pushed to it (at first, the
// event count when it subscribed), so a retried job never pushes the same change twice to a browser that got it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table push_subscription (
      id uuid primary key,
      report_id uuid not null references report (id),
      citizen_id uuid not null references citizen (id),
      endpoint_key text not null,
      sealed bytea not null,
      key_id text not null,
      last_seq integer not null,
      created_at timestamptz not null,
      unique (report_id, endpoint_key)
    );
    create index push_subscription_endpoint_idx on push_subscription (endpoint_key);
    create index push_subscription_citizen_idx on push_subscription (citizen_id);
  `.execute(db);
}
