import { type Kysely, sql } from 'kysely';

// Written for PostgreSQL 15 (the production floor); PGlite runs the same statements.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table region (
      code text primary key,
      level text not null check (level in ('provinsi', 'kota', 'kecamatan', 'kelurahan')),
      name text not null,
      parent_code text references region (code),
      lat double precision,
      lng double precision
    );
    create table unit (
      id text primary key,
      name text not null,
      kind text not null,
      region_code text references region (code),
      parent_id text references unit (id),
      sector text,
      email text
    );
    create index unit_parent_idx on unit (parent_id);
    create table category (
      code text primary key,
      name_id text not null,
      name_en text not null,
      sector text
    );
    create table citizen (
      id uuid primary key,
      token_hash text not null unique,
      created_at timestamptz not null
    );
    create table reporter_identity (
      id uuid primary key,
      sealed bytea not null,
      key_id text not null,
      created_at timestamptz not null
    );
    create table ticket_counter (
      day date primary key,
      last_serial integer not null
    );
    create table report (
      id uuid primary key,
      ticket text not null unique,
      status text not null,
      category_code text not null references category (code),
      text text not null,
      address text,
      lat double precision,
      lng double precision,
      kelurahan_code text references region (code),
      channel text not null,
      is_private boolean not null,
      is_anonymous boolean not null,
      visibility text not null,
      visibility_reason text,
      citizen_id uuid references citizen (id),
      identity_id uuid references reporter_identity (id),
      assigned_unit_id text not null references unit (id),
      suggested_unit_id text references unit (id),
      escalated_unit_id text references unit (id),
      escalation_level integer not null,
      sla_clock text not null,
      response_due_at timestamptz not null,
      completion_due_at timestamptz not null,
      responded_at timestamptz,
      resolved_at timestamptz,
      next_escalation_at timestamptz,
      ews_until timestamptz,
      rating smallint,
      rating_comment text,
      reopen_count integer not null,
      event_count integer not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index report_unit_queue_idx on report (assigned_unit_id, created_at desc, id desc);
    create index report_escalated_queue_idx on report (escalated_unit_id, created_at desc, id desc)
      where escalated_unit_id is not null;
    create index report_status_queue_idx on report (status, created_at desc, id desc);
    create index report_open_queue_idx on report (assigned_unit_id, created_at desc, id desc)
      where status in ('menunggu', 'koordinasi', 'disposisi', 'proses', 'ews');
    create index report_public_feed_idx on report (created_at desc, id desc)
      where is_private = false and visibility = 'visible';
    create index report_citizen_idx on report (citizen_id, created_at desc) where citizen_id is not null;
    create index report_escalation_due_idx on report (next_escalation_at) where next_escalation_at is not null;
    create table report_event (
      report_id uuid not null references report (id),
      seq integer not null,
      type text not null,
      from_status text,
      to_status text not null,
      actor_kind text not null,
      actor_id text,
      actor_unit_id text,
      target_unit_id text,
      note text,
      body jsonb not null,
      created_at timestamptz not null,
      primary key (report_id, seq)
    );
    create table attachment (
      id uuid primary key,
      report_id uuid not null references report (id),
      role text not null check (role in ('report', 'evidence')),
      kind text not null check (kind in ('photo', 'video')),
      mime text not null,
      original_key text not null,
      public_key text not null,
      thumb_key text not null,
      bytes integer not null,
      sha256 text not null,
      width integer,
      height integer,
      duration_seconds real,
      taken_at timestamptz,
      taken_lat double precision,
      taken_lng double precision,
      uploaded_by text not null,
      created_at timestamptz not null
    );
    create index attachment_report_idx on attachment (report_id);
    create table app_user (
      id uuid primary key,
      username text not null unique,
      password_hash text not null,
      display_name text not null,
      role text not null check (role in ('officer', 'verifier', 'admin', 'reveal_authority')),
      unit_id text not null references unit (id),
      active boolean not null,
      created_at timestamptz not null
    );
    create table user_session (
      token_hash text primary key,
      user_id uuid not null references app_user (id),
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_id text,
      action text not null,
      subject text,
      reason text,
      detail jsonb not null
    );
  `.execute(db);
}
