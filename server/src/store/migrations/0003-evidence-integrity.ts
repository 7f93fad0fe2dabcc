import { type Kysely, sql } from 'kysely';

// Perceptual hashes for near-duplicate search (media/hash-bands.ts): every photo's whole-picture hash with its
// four 16-bit bands, and the crop views of evidence photos in their own table, bands indexed alike; plus the
// integrity flags raised on follow-up evidence. The band indexes carry the hash itself, so candidates are
// checked by index-only scans without visiting the table. Photos stored before this migration keep a null hash.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table attachment
      add column phash bit(64),
      add column phash_b0 integer,
      add column phash_b1 integer,
      add column phash_b2 integer,
      add column phash_b3 integer;
    create index attachment_phash_b0_idx on attachment (phash_b0) include (phash, id, report_id)
      where phash_b0 is not null;
    create index attachment_phash_b1_idx on attachment (phash_b1) include (phash, id, report_id)
      where phash_b1 is not null;
    create index attachment_phash_b2_idx on attachment (phash_b2) include (phash, id, report_id)
      where phash_b2 is not null;
    create index attachment_phash_b3_idx on attachment (phash_b3) include (phash, id, report_id)
      where phash_b3 is not null;
    create index attachment_sha256_idx on attachment (sha256);
    create table attachment_crop_hash (
      attachment_id uuid not null references attachment (id),
      view smallint not null,
      phash bit(64) not null,
      b0 integer not null,
      b1 integer not null,
      b2 integer not null,
      b3 integer not null,
      primary key (attachment_id, view)
    );
    create index attachment_crop_hash_b0_idx on attachment_crop_hash (b0) include (phash, attachment_id);
    create index attachment_crop_hash_b1_idx on attachment_crop_hash (b1) include (phash, attachment_id);
    create index attachment_crop_hash_b2_idx on attachment_crop_hash (b2) include (phash, attachment_id);
    create index attachment_crop_hash_b3_idx on attachment_crop_hash (b3) include (phash, attachment_id);
    create table evidence_flag (
      id uuid primary key,
      report_id uuid not null references report (id),
      attachment_id uuid not null references attachment (id),
      code text not null,
      level text not null check (level in ('warning', 'info')),
      detail jsonb not null,
      created_at timestamptz not null
    );
    create index evidence_flag_report_idx on evidence_flag (report_id, created_at);
  `.execute(db);
}
