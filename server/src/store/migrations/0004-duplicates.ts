import { type Kysely, sql } from 'kysely';

// Duplicates ("laporan serupa"). Both partial indexes hold only open reports (a few percent of the table), so the
// intake lookup reads a handful of index entries however many closed reports pile up: one by category and
// position (a bounding-box range scan; exact distance is computed in JS), one by kelurahan and age (candidates
// for text similarity). merged_into_id is deferrable so a restore may load a duplicate before its original.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table report
      add column merged_into_id uuid references report (id) deferrable initially deferred;
    create index report_open_nearby_idx on report (category_code, lat, lng)
      where status in ('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews') and lat is not null;
    create index report_open_kelurahan_idx on report (kelurahan_code, created_at desc)
      where status in ('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews') and kelurahan_code is not null;
    create table report_link (
      report_id uuid not null references report (id),
      similar_report_id uuid not null references report (id),
      reason text not null check (reason in ('nearby', 'text')),
      distance_meters real,
      text_score real,
      created_at timestamptz not null,
      primary key (report_id, similar_report_id),
      check (report_id <> similar_report_id)
    );
    create index report_link_similar_idx on report_link (similar_report_id);
  `.execute(db);
}
