import { type Kysely, sql } from 'kysely';

// Notices for one staff member, e.g. to the verifier who approved evidence that has since been reused on another
// report. Unread notices are listed newest first per recipient, so that is the (partial) index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_notice (
      id uuid primary key,
      recipient_id uuid not null references app_user (id),
      report_id uuid not null references report (id),
      kind text not null,
      detail jsonb not null,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index staff_notice_unread_idx on staff_notice (recipient_id, created_at desc, id desc)
      where read_at is null;
  `.execute(db);
}
