import { type Kysely, sql } from 'kysely';

// Dual control over a reporter's identity (domain/reveal-request.ts): who asked, why, who decided and how, and
// until when the one who asked may see it. Rows are never deleted; every act is also in the audit trail.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reveal_request (
      id uuid primary key,
      report_id uuid not null references report (id),
      requested_by uuid not null references app_user (id),
      requester_unit_id text not null references unit (id),
      reason text not null,
      requested_at timestamptz not null,
      status text not null check (status in ('menunggu', 'disetujui', 'ditolak')),
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      decision_note text,
      view_until timestamptz,
      first_viewed_at timestamptz,
      check (status = 'menunggu' or (decided_by is not null and decided_at is not null)),
      check (status <> 'disetujui' or view_until is not null),
      check (decided_by is null or decided_by <> requested_by)
    );
    create index reveal_request_report_idx on reveal_request (report_id, requested_at);
    create index reveal_request_requester_idx on reveal_request (requested_by, requested_at desc);
    create index reveal_request_waiting_idx on reveal_request (requested_at) where status = 'menunggu';
  `.execute(db);
}
