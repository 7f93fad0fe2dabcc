import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Insertable, type Kysely, type SelectType, sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import type { Engine, Store } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/schema.js';
import { openTestStore, testEngines } from '../support/test-store.js';

// The schema the migrations build, written out: every table, column (type and nullability), index and
// constraint. A new migration must add its objects here, so a reviewer sees the whole schema change in one place.
// SCHEMA is checked against the Kysely `Database` type by the compiler (`npm run typecheck`): a table or column
// missing on either side, or a column whose nullability differs from its TypeScript type, does not compile.

type Nullability<S> = unknown extends S ? 'null' | 'not null' : null extends S ? 'null' : 'not null';
type ColumnSpec<C> = readonly [sqlType: string, nullability: Nullability<SelectType<C>>];
type SchemaSpec = {
  readonly [T in keyof Database]: { readonly [C in keyof Database[T]]-?: ColumnSpec<Database[T][C]> };
};

const TSTZ = 'timestamp with time zone';
const FLOAT8 = 'double precision';

const SCHEMA = {
  region: {
    code: ['text', 'not null'],
    level: ['text', 'not null'],
    name: ['text', 'not null'],
    parent_code: ['text', 'null'],
    lat: [FLOAT8, 'null'],
    lng: [FLOAT8, 'null'],
  },
  unit: {
    id: ['text', 'not null'],
    name: ['text', 'not null'],
    kind: ['text', 'not null'],
    region_code: ['text', 'null'],
    parent_id: ['text', 'null'],
    sector: ['text', 'null'],
    email: ['text', 'null'],
  },
  category: {
    code: ['text', 'not null'],
    name_id: ['text', 'not null'],
    name_en: ['text', 'not null'],
    sector: ['text', 'null'],
  },
  citizen: {
    id: ['uuid', 'not null'],
    token_hash: ['text', 'not null'],
    created_at: [TSTZ, 'not null'],
    token_used_at: [TSTZ, 'null'],
  },
  citizen_token_ended: {
    token_hash: ['text', 'not null'],
    citizen_id: ['uuid', 'not null'],
    ended_at: [TSTZ, 'not null'],
    reason: ['text', 'not null'],
  },
  push_subscription: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    citizen_id: ['uuid', 'not null'],
    endpoint_key: ['text', 'not null'],
    sealed: ['bytea', 'not null'],
    key_id: ['text', 'not null'],
    last_seq: ['integer', 'not null'],
    created_at: [TSTZ, 'not null'],
  },
  sign_in_attempt: {
    id: ['uuid', 'not null'],
    account_key: ['text', 'null'],
    address_key: ['text', 'not null'],
    at: [TSTZ, 'not null'],
    failed: ['boolean', 'not null'],
  },
  reporter_identity: {
    id: ['uuid', 'not null'],
    sealed: ['bytea', 'not null'],
    key_id: ['text', 'not null'],
    created_at: [TSTZ, 'not null'],
  },
  ticket_counter: {
    day: ['date', 'not null'],
    last_serial: ['integer', 'not null'],
  },
  report: {
    id: ['uuid', 'not null'],
    ticket: ['text', 'not null'],
    status: ['text', 'not null'],
    category_code: ['text', 'not null'],
    text: ['text', 'not null'],
    words: ['text', 'null'],
    public_text: ['text', 'null'],
    address: ['text', 'null'],
    lat: [FLOAT8, 'null'],
    lng: [FLOAT8, 'null'],
    kelurahan_code: ['text', 'null'],
    channel: ['text', 'not null'],
    is_private: ['boolean', 'not null'],
    is_anonymous: ['boolean', 'not null'],
    visibility: ['text', 'not null'],
    visibility_reason: ['text', 'null'],
    citizen_id: ['uuid', 'null'],
    identity_id: ['uuid', 'null'],
    assigned_unit_id: ['text', 'not null'],
    suggested_unit_id: ['text', 'null'],
    escalated_unit_id: ['text', 'null'],
    escalation_level: ['integer', 'not null'],
    sla_clock: ['text', 'not null'],
    response_due_at: [TSTZ, 'not null'],
    completion_due_at: [TSTZ, 'not null'],
    responded_at: [TSTZ, 'null'],
    resolved_at: [TSTZ, 'null'],
    next_escalation_at: [TSTZ, 'null'],
    ews_until: [TSTZ, 'null'],
    rating: ['smallint', 'null'],
    rating_comment: ['text', 'null'],
    reopen_count: ['integer', 'not null'],
    merged_into_id: ['uuid', 'null'],
    event_count: ['integer', 'not null'],
    created_at: [TSTZ, 'not null'],
    updated_at: [TSTZ, 'not null'],
  },
  report_event: {
    report_id: ['uuid', 'not null'],
    seq: ['integer', 'not null'],
    type: ['text', 'not null'],
    from_status: ['text', 'null'],
    to_status: ['text', 'not null'],
    actor_kind: ['text', 'not null'],
    actor_id: ['text', 'null'],
    actor_unit_id: ['text', 'null'],
    target_unit_id: ['text', 'null'],
    note: ['text', 'null'],
    body: ['jsonb', 'not null'],
    created_at: [TSTZ, 'not null'],
    hash: ['text', 'null'],
    public_note: ['text', 'null'],
  },
  report_link: {
    report_id: ['uuid', 'not null'],
    similar_report_id: ['uuid', 'not null'],
    reason: ['text', 'not null'],
    distance_meters: ['real', 'null'],
    text_score: ['real', 'null'],
    created_at: [TSTZ, 'not null'],
  },
  attachment: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    role: ['text', 'not null'],
    kind: ['text', 'not null'],
    mime: ['text', 'not null'],
    original_key: ['text', 'not null'],
    public_key: ['text', 'not null'],
    thumb_key: ['text', 'not null'],
    bytes: ['integer', 'not null'],
    sha256: ['text', 'not null'],
    width: ['integer', 'null'],
    height: ['integer', 'null'],
    duration_seconds: ['real', 'null'],
    taken_at: [TSTZ, 'null'],
    taken_lat: [FLOAT8, 'null'],
    taken_lng: [FLOAT8, 'null'],
    uploaded_by: ['text', 'not null'],
    created_at: [TSTZ, 'not null'],
    phash: ['bit(64)', 'null'],
    phash_b0: ['integer', 'null'],
    phash_b1: ['integer', 'null'],
    phash_b2: ['integer', 'null'],
    phash_b3: ['integer', 'null'],
    processing: ['text', 'null'],
  },
  attachment_crop_hash: {
    attachment_id: ['uuid', 'not null'],
    view: ['smallint', 'not null'],
    phash: ['bit(64)', 'not null'],
    b0: ['integer', 'not null'],
    b1: ['integer', 'not null'],
    b2: ['integer', 'not null'],
    b3: ['integer', 'not null'],
  },
  evidence_flag: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    attachment_id: ['uuid', 'not null'],
    code: ['text', 'not null'],
    level: ['text', 'not null'],
    detail: ['jsonb', 'not null'],
    created_at: [TSTZ, 'not null'],
  },
  app_user: {
    id: ['uuid', 'not null'],
    username: ['text', 'not null'],
    password_hash: ['text', 'not null'],
    display_name: ['text', 'not null'],
    role: ['text', 'not null'],
    unit_id: ['text', 'not null'],
    active: ['boolean', 'not null'],
    created_at: [TSTZ, 'not null'],
    must_change_password: ['boolean', 'not null'],
    deactivated_at: [TSTZ, 'null'],
  },
  user_session: {
    token_hash: ['text', 'not null'],
    user_id: ['uuid', 'not null'],
    created_at: [TSTZ, 'not null'],
    expires_at: [TSTZ, 'not null'],
  },
  audit_log: {
    id: ['bigint', 'not null'],
    at: [TSTZ, 'not null'],
    actor_id: ['text', 'null'],
    action: ['text', 'not null'],
    subject: ['text', 'null'],
    reason: ['text', 'null'],
    detail: ['jsonb', 'not null'],
    hash: ['text', 'null'],
  },
  labelled_example: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'null'],
    text: ['text', 'not null'],
    category_code: ['text', 'not null'],
    previous_category_code: ['text', 'null'],
    source: ['text', 'not null'],
    labelled_by: ['uuid', 'null'],
    created_at: [TSTZ, 'not null'],
    redacted: ['boolean', 'not null'],
  },
  staff_notice: {
    id: ['uuid', 'not null'],
    recipient_id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    kind: ['text', 'not null'],
    detail: ['jsonb', 'not null'],
    created_at: [TSTZ, 'not null'],
    read_at: [TSTZ, 'null'],
  },
  outbox: {
    id: ['uuid', 'not null'],
    job: ['text', 'not null'],
    payload: ['jsonb', 'not null'],
    created_at: [TSTZ, 'not null'],
  },
  citizen_notification: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    event_seq: ['integer', 'not null'],
    kind: ['text', 'not null'],
    status: ['text', 'not null'],
    created_at: [TSTZ, 'not null'],
    delivered_at: [TSTZ, 'null'],
  },
  reveal_request: {
    id: ['uuid', 'not null'],
    report_id: ['uuid', 'not null'],
    requested_by: ['uuid', 'not null'],
    requester_unit_id: ['text', 'not null'],
    reason: ['text', 'not null'],
    requested_at: [TSTZ, 'not null'],
    status: ['text', 'not null'],
    decided_by: ['uuid', 'null'],
    decided_at: [TSTZ, 'null'],
    decision_note: ['text', 'null'],
    view_until: [TSTZ, 'null'],
    first_viewed_at: [TSTZ, 'null'],
  },
  kpi_rollup: {
    grain: ['text', 'not null'],
    key: ['text', 'not null'],
    day: ['date', 'not null'],
    received: ['integer', 'not null'],
    open: ['integer', 'not null'],
    done: ['integer', 'not null'],
    breached: ['integer', 'not null'],
    resolved: ['integer', 'not null'],
    resolved_on_time: ['integer', 'not null'],
    responded: ['integer', 'not null'],
    responded_on_time: ['integer', 'not null'],
    respond_seconds: [FLOAT8, 'not null'],
    resolve_seconds: [FLOAT8, 'not null'],
  },
  kpi_current: {
    grain: ['text', 'not null'],
    key: ['text', 'not null'],
    status: ['text', 'not null'],
    reports: ['integer', 'not null'],
    breached: ['integer', 'not null'],
  },
  kpi_duration: {
    grain: ['text', 'not null'],
    key: ['text', 'not null'],
    day: ['date', 'not null'],
    metric: ['text', 'not null'],
    bucket: ['smallint', 'not null'],
    reports: ['integer', 'not null'],
  },
  inbound_message: {
    id: ['uuid', 'not null'],
    channel: ['text', 'not null'],
    external_id: ['text', 'null'],
    request_hash: ['text', 'null'],
    sender_key: ['text', 'null'],
    report_id: ['uuid', 'not null'],
    sealed: ['bytea', 'null'],
    key_id: ['text', 'null'],
    received_at: [TSTZ, 'not null'],
  },
} as const satisfies SchemaSpec;

/** Column defaults; every other column has none. */
const DEFAULTS: Record<string, string> = {
  'audit_log.id': "nextval('audit_log_id_seq'::regclass)",
  'labelled_example.redacted': 'false',
  'app_user.must_change_password': 'false',
};

/** Kysely's own bookkeeping (migrate.ts). */
const MIGRATOR_TABLES = ['kysely_migration_lock', 'sigap_migration'];

const OPEN = "ARRAY['menunggu'::text, 'koordinasi'::text, 'disposisi'::text, 'proses'::text, 'ews'::text]";

/** Index name → definition as pg_indexes prints it, without "CREATE [UNIQUE] INDEX name ON public." and "USING btree". */
const INDEXES: Record<string, string> = {
  // 0001-core
  region_pkey: 'UNIQUE region (code)',
  unit_pkey: 'UNIQUE unit (id)',
  unit_parent_idx: 'unit (parent_id)',
  category_pkey: 'UNIQUE category (code)',
  citizen_pkey: 'UNIQUE citizen (id)',
  citizen_token_hash_key: 'UNIQUE citizen (token_hash)',
  reporter_identity_pkey: 'UNIQUE reporter_identity (id)',
  ticket_counter_pkey: 'UNIQUE ticket_counter (day)',
  report_pkey: 'UNIQUE report (id)',
  report_ticket_key: 'UNIQUE report (ticket)',
  report_unit_queue_idx: 'report (assigned_unit_id, created_at DESC, id DESC)',
  report_escalated_queue_idx:
    'report (escalated_unit_id, created_at DESC, id DESC) WHERE (escalated_unit_id IS NOT NULL)',
  report_status_queue_idx: 'report (status, created_at DESC, id DESC)',
  report_open_queue_idx: `report (assigned_unit_id, created_at DESC, id DESC) WHERE (status = ANY (${OPEN}))`,
  report_public_feed_idx:
    "report (created_at DESC, id DESC) WHERE ((is_private = false) AND (visibility = 'visible'::text))",
  report_citizen_idx: 'report (citizen_id, created_at DESC) WHERE (citizen_id IS NOT NULL)',
  report_escalation_due_idx: 'report (next_escalation_at) WHERE (next_escalation_at IS NOT NULL)',
  report_event_pkey: 'UNIQUE report_event (report_id, seq)',
  attachment_pkey: 'UNIQUE attachment (id)',
  attachment_report_idx: 'attachment (report_id)',
  app_user_pkey: 'UNIQUE app_user (id)',
  app_user_username_key: 'UNIQUE app_user (username)',
  user_session_pkey: 'UNIQUE user_session (token_hash)',
  audit_log_pkey: 'UNIQUE audit_log (id)',
  // 0002-unit-status-queue-index
  report_unit_status_queue_idx: 'report (assigned_unit_id, status, created_at DESC, id DESC)',
  // 0003-evidence-integrity
  attachment_phash_b0_idx:
    'attachment (phash_b0) INCLUDE (phash, id, report_id) WHERE (phash_b0 IS NOT NULL)',
  attachment_phash_b1_idx:
    'attachment (phash_b1) INCLUDE (phash, id, report_id) WHERE (phash_b1 IS NOT NULL)',
  attachment_phash_b2_idx:
    'attachment (phash_b2) INCLUDE (phash, id, report_id) WHERE (phash_b2 IS NOT NULL)',
  attachment_phash_b3_idx:
    'attachment (phash_b3) INCLUDE (phash, id, report_id) WHERE (phash_b3 IS NOT NULL)',
  attachment_sha256_idx: 'attachment (sha256)',
  attachment_crop_hash_pkey: 'UNIQUE attachment_crop_hash (attachment_id, view)',
  attachment_crop_hash_b0_idx: 'attachment_crop_hash (b0) INCLUDE (phash, attachment_id)',
  attachment_crop_hash_b1_idx: 'attachment_crop_hash (b1) INCLUDE (phash, attachment_id)',
  attachment_crop_hash_b2_idx: 'attachment_crop_hash (b2) INCLUDE (phash, attachment_id)',
  attachment_crop_hash_b3_idx: 'attachment_crop_hash (b3) INCLUDE (phash, attachment_id)',
  evidence_flag_pkey: 'UNIQUE evidence_flag (id)',
  evidence_flag_report_idx: 'evidence_flag (report_id, created_at)',
  // 0004-duplicates
  report_open_nearby_idx: `report (category_code, lat, lng) WHERE ((status = ANY (${OPEN})) AND (lat IS NOT NULL))`,
  report_open_kelurahan_idx: `report (kelurahan_code, created_at DESC) WHERE ((status = ANY (${OPEN})) AND (kelurahan_code IS NOT NULL))`,
  report_link_pkey: 'UNIQUE report_link (report_id, similar_report_id)',
  report_link_similar_idx: 'report_link (similar_report_id)',
  // 0005-labelled-examples
  labelled_example_pkey: 'UNIQUE labelled_example (id)',
  labelled_example_created_idx: 'labelled_example (created_at, id)',
  // 0007-staff-notices
  staff_notice_pkey: 'UNIQUE staff_notice (id)',
  staff_notice_unread_idx: 'staff_notice (recipient_id, created_at DESC, id DESC) WHERE (read_at IS NULL)',
  // 0008-inbound-messages
  inbound_message_pkey: 'UNIQUE inbound_message (id)',
  inbound_message_channel_external_id_key:
    'UNIQUE inbound_message (channel, external_id) WHERE (external_id IS NOT NULL)',
  inbound_message_sender_idx: 'inbound_message (sender_key, received_at DESC) WHERE (sender_key IS NOT NULL)',
  // 0010-outbox-jobs
  outbox_pkey: 'UNIQUE outbox (id)',
  outbox_created_idx: 'outbox (created_at, id)',
  citizen_notification_pkey: 'UNIQUE citizen_notification (id)',
  citizen_notification_report_id_event_seq_key: 'UNIQUE citizen_notification (report_id, event_seq)',
  citizen_notification_undelivered_idx: 'citizen_notification (created_at, id) WHERE (delivered_at IS NULL)',
  // 0014-public-feed-filters
  report_public_category_idx:
    "report (category_code, created_at DESC, id DESC) WHERE ((is_private = false) AND (visibility = 'visible'::text))",
  report_public_kota_idx:
    'report ("left"(kelurahan_code, 5), created_at DESC, id DESC) WHERE ((is_private = false) AND (visibility = \'visible\'::text))',
  // 0015-reveal-requests
  reveal_request_pkey: 'UNIQUE reveal_request (id)',
  reveal_request_report_idx: 'reveal_request (report_id, requested_at)',
  reveal_request_requester_idx: 'reveal_request (requested_by, requested_at DESC)',
  reveal_request_waiting_idx: "reveal_request (requested_at) WHERE (status = 'menunggu'::text)",
  // 0016-sign-in-and-citizen-tokens
  sign_in_attempt_pkey: 'UNIQUE sign_in_attempt (id)',
  sign_in_attempt_account_idx: 'sign_in_attempt (account_key, at) WHERE (account_key IS NOT NULL)',
  sign_in_attempt_address_idx: 'sign_in_attempt (address_key, at)',
  sign_in_attempt_at_idx: 'sign_in_attempt (at)',
  citizen_token_ended_pkey: 'UNIQUE citizen_token_ended (token_hash)',
  // 0018-push-subscriptions
  push_subscription_pkey: 'UNIQUE push_subscription (id)',
  push_subscription_report_id_endpoint_key_key: 'UNIQUE push_subscription (report_id, endpoint_key)',
  push_subscription_endpoint_idx: 'push_subscription (endpoint_key)',
  push_subscription_citizen_idx: 'push_subscription (citizen_id)',
  // 0019-kpi-rollups-and-live
  kpi_rollup_pkey: 'UNIQUE kpi_rollup (grain, key, day)',
  kpi_rollup_day_idx: 'kpi_rollup (grain, day)',
  kpi_current_pkey: 'UNIQUE kpi_current (grain, key, status)',
  kpi_duration_pkey: 'UNIQUE kpi_duration (grain, key, day, metric, bucket)',
  // 0024-news-article-index
  report_event_news_article_idx:
    "report_event (((body #>> '{newsSource,articleKey}'::text[]))) WHERE ((type = 'created'::text) AND (body ? 'newsSource'::text))",
  // migrate.ts (Kysely's tables)
  kysely_migration_lock_pkey: 'UNIQUE kysely_migration_lock (id)',
  sigap_migration_pkey: 'UNIQUE sigap_migration (name)',
};

const pk = (cols: string) => `PRIMARY KEY (${cols})`;
const fk = (cols: string, target: string) => `FOREIGN KEY (${cols}) REFERENCES ${target}`;
const oneOf = (col: string, values: string[]) =>
  `CHECK ((${col} = ANY (ARRAY[${values.map((v) => `'${v}'::text`).join(', ')}])))`;

/**
 * "table.constraint" → definition (pg_get_constraintdef), for primary keys, unique, foreign-key and check
 * constraints. NOT NULL is covered by the columns above (PostgreSQL 18, i.e. PGlite, also lists it here).
 */
const CONSTRAINTS: Record<string, string> = {
  // 0001-core
  'region.region_pkey': pk('code'),
  'region.region_level_check': oneOf('level', ['provinsi', 'kota', 'kecamatan', 'kelurahan']),
  'region.region_parent_code_fkey': fk('parent_code', 'region(code)'),
  'unit.unit_pkey': pk('id'),
  'unit.unit_region_code_fkey': fk('region_code', 'region(code)'),
  'unit.unit_parent_id_fkey': fk('parent_id', 'unit(id)'),
  'category.category_pkey': pk('code'),
  'citizen.citizen_pkey': pk('id'),
  'citizen.citizen_token_hash_key': 'UNIQUE (token_hash)',
  'reporter_identity.reporter_identity_pkey': pk('id'),
  'ticket_counter.ticket_counter_pkey': pk('day'),
  'inbound_message.inbound_message_pkey': pk('id'),
  'inbound_message.inbound_message_report_id_fkey': fk('report_id', 'report(id)'),
  'report.report_pkey': pk('id'),
  'report.report_ticket_key': 'UNIQUE (ticket)',
  'report.report_category_code_fkey': fk('category_code', 'category(code)'),
  'report.report_kelurahan_code_fkey': fk('kelurahan_code', 'region(code)'),
  'report.report_citizen_id_fkey': fk('citizen_id', 'citizen(id)'),
  'report.report_identity_id_fkey': fk('identity_id', 'reporter_identity(id)'),
  'report.report_assigned_unit_id_fkey': fk('assigned_unit_id', 'unit(id)'),
  'report.report_suggested_unit_id_fkey': fk('suggested_unit_id', 'unit(id)'),
  'report.report_escalated_unit_id_fkey': fk('escalated_unit_id', 'unit(id)'),
  'report_event.report_event_pkey': pk('report_id, seq'),
  'report_event.report_event_report_id_fkey': fk('report_id', 'report(id)'),
  'attachment.attachment_pkey': pk('id'),
  'attachment.attachment_report_id_fkey': fk('report_id', 'report(id)'),
  'attachment.attachment_role_check': oneOf('role', ['report', 'evidence']),
  'attachment.attachment_kind_check': oneOf('kind', ['photo', 'video']),
  'attachment.attachment_processing_check': oneOf('processing', ['pending', 'failed']),
  'outbox.outbox_pkey': pk('id'),
  'citizen_notification.citizen_notification_pkey': pk('id'),
  'citizen_notification.citizen_notification_report_id_event_seq_key': 'UNIQUE (report_id, event_seq)',
  'citizen_notification.citizen_notification_report_id_fkey': fk('report_id', 'report(id)'),
  'citizen_notification.citizen_notification_kind_check': oneOf('kind', ['received', 'status_changed']),
  'app_user.app_user_pkey': pk('id'),
  'app_user.app_user_username_key': 'UNIQUE (username)',
  'app_user.app_user_role_check': oneOf('role', [
    'officer',
    'verifier',
    'admin',
    'reveal_authority',
    'monitor',
  ]),
  'app_user.app_user_unit_id_fkey': fk('unit_id', 'unit(id)'),
  'user_session.user_session_pkey': pk('token_hash'),
  'user_session.user_session_user_id_fkey': fk('user_id', 'app_user(id)'),
  'audit_log.audit_log_pkey': pk('id'),
  // 0003-evidence-integrity
  'attachment_crop_hash.attachment_crop_hash_pkey': pk('attachment_id, view'),
  'attachment_crop_hash.attachment_crop_hash_attachment_id_fkey': fk('attachment_id', 'attachment(id)'),
  'evidence_flag.evidence_flag_pkey': pk('id'),
  'evidence_flag.evidence_flag_report_id_fkey': fk('report_id', 'report(id)'),
  'evidence_flag.evidence_flag_attachment_id_fkey': fk('attachment_id', 'attachment(id)'),
  'evidence_flag.evidence_flag_level_check': oneOf('level', ['warning', 'info']),
  // 0004-duplicates
  'report.report_merged_into_id_fkey': `${fk('merged_into_id', 'report(id)')} DEFERRABLE INITIALLY DEFERRED`,
  'report_link.report_link_pkey': pk('report_id, similar_report_id'),
  'report_link.report_link_report_id_fkey': fk('report_id', 'report(id)'),
  'report_link.report_link_similar_report_id_fkey': fk('similar_report_id', 'report(id)'),
  'report_link.report_link_reason_check': oneOf('reason', ['nearby', 'text']),
  'report_link.report_link_check': 'CHECK ((report_id <> similar_report_id))',
  // 0005-labelled-examples
  'labelled_example.labelled_example_pkey': pk('id'),
  'labelled_example.labelled_example_report_id_fkey': fk('report_id', 'report(id)'),
  'labelled_example.labelled_example_category_code_fkey': fk('category_code', 'category(code)'),
  'labelled_example.labelled_example_previous_category_code_fkey': fk(
    'previous_category_code',
    'category(code)',
  ),
  'labelled_example.labelled_example_labelled_by_fkey': fk('labelled_by', 'app_user(id)'),
  'labelled_example.labelled_example_source_check': oneOf('source', ['officer', 'import']),
  // 0007-staff-notices
  'staff_notice.staff_notice_pkey': pk('id'),
  'staff_notice.staff_notice_recipient_id_fkey': fk('recipient_id', 'app_user(id)'),
  'staff_notice.staff_notice_report_id_fkey': fk('report_id', 'report(id)'),
  // 0015-reveal-requests
  'reveal_request.reveal_request_pkey': pk('id'),
  'reveal_request.reveal_request_report_id_fkey': fk('report_id', 'report(id)'),
  'reveal_request.reveal_request_requested_by_fkey': fk('requested_by', 'app_user(id)'),
  'reveal_request.reveal_request_requester_unit_id_fkey': fk('requester_unit_id', 'unit(id)'),
  'reveal_request.reveal_request_decided_by_fkey': fk('decided_by', 'app_user(id)'),
  'reveal_request.reveal_request_status_check': oneOf('status', ['menunggu', 'disetujui', 'ditolak']),
  'reveal_request.reveal_request_check':
    "CHECK (((status = 'menunggu'::text) OR ((decided_by IS NOT NULL) AND (decided_at IS NOT NULL))))",
  'reveal_request.reveal_request_check1':
    "CHECK (((status <> 'disetujui'::text) OR (view_until IS NOT NULL)))",
  'reveal_request.reveal_request_check2': 'CHECK (((decided_by IS NULL) OR (decided_by <> requested_by)))',
  // 0016-sign-in-and-citizen-tokens
  'sign_in_attempt.sign_in_attempt_pkey': pk('id'),
  'citizen_token_ended.citizen_token_ended_pkey': pk('token_hash'),
  'citizen_token_ended.citizen_token_ended_citizen_id_fkey': fk('citizen_id', 'citizen(id)'),
  'citizen_token_ended.citizen_token_ended_reason_check': oneOf('reason', ['replaced', 'holder', 'admin']),
  // 0018-push-subscriptions
  'push_subscription.push_subscription_pkey': pk('id'),
  'push_subscription.push_subscription_report_id_endpoint_key_key': 'UNIQUE (report_id, endpoint_key)',
  'push_subscription.push_subscription_report_id_fkey': fk('report_id', 'report(id)'),
  'push_subscription.push_subscription_citizen_id_fkey': fk('citizen_id', 'citizen(id)'),
  // 0019-kpi-rollups-and-live
  'kpi_rollup.kpi_rollup_pkey': pk('grain, key, day'),
  'kpi_rollup.kpi_rollup_grain_check': oneOf('grain', [
    'city',
    'kota',
    'kelurahan',
    'unit',
    'channel',
    'category',
  ]),
  'kpi_current.kpi_current_pkey': pk('grain, key, status'),
  'kpi_current.kpi_current_grain_check': oneOf('grain', ['city', 'kota', 'kelurahan', 'unit']),
  'kpi_duration.kpi_duration_pkey': pk('grain, key, day, metric, bucket'),
  'kpi_duration.kpi_duration_grain_check': oneOf('grain', ['city', 'kota', 'unit']),
  'kpi_duration.kpi_duration_metric_check': oneOf('metric', ['respond', 'resolve']),
  // migrate.ts (Kysely's tables)
  'kysely_migration_lock.kysely_migration_lock_pkey': pk('id'),
  'sigap_migration.sigap_migration_pkey': pk('name'),
};

interface Catalog {
  /** Every relation of the public schema but indexes: name → kind. */
  relations: Record<string, string>;
  /** table → column → [type, nullability, default]. */
  columns: Record<string, Record<string, [string, string, string | null]>>;
  indexes: Record<string, string>;
  constraints: Record<string, string>;
  triggers: string[];
}

async function readCatalog(db: Kysely<Database>): Promise<Catalog> {
  const relations = await sql<{ name: string; kind: string }>`
    select c.relname as name, c.relkind::text as kind
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind not in ('i', 'I')`.execute(db);
  const columns = await sql<{
    table: string;
    column: string;
    type: string;
    notnull: boolean;
    default: string | null;
  }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as notnull, pg_get_expr(d.adbin, d.adrelid) as default
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`.execute(db);
  const indexes = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes where schemaname = 'public'`.execute(db);
  const constraints = await sql<{ table: string; name: string; definition: string }>`
    select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where k.connamespace = 'public'::regnamespace and k.contype <> 'n'`.execute(db);
  const triggers = await sql<{ name: string }>`
    select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not t.tgisinternal`.execute(db);

  const catalog: Catalog = { relations: {}, columns: {}, indexes: {}, constraints: {}, triggers: [] };
  const kinds: Record<string, string> = { r: 'table', S: 'sequence', v: 'view', m: 'materialized view' };
  for (const r of relations.rows) catalog.relations[r.name] = kinds[r.kind] ?? r.kind;
  for (const c of columns.rows)
    (catalog.columns[c.table] ??= {})[c.column] = [c.type, c.notnull ? 'not null' : 'null', c.default];
  for (const i of indexes.rows)
    catalog.indexes[i.name] = i.definition.replace(
      /^CREATE (UNIQUE )?INDEX \S+ ON public\.(\S+) USING btree /,
      '$1$2 ',
    );
  for (const k of constraints.rows) catalog.constraints[`${k.table}.${k.name}`] = k.definition;
  catalog.triggers = triggers.rows.map((t) => t.name).sort();
  return catalog;
}

/** The catalog the migrations should produce, from the lists above. */
function expectedCatalog(): Catalog {
  const tables = [...Object.keys(SCHEMA), ...MIGRATOR_TABLES];
  const columns: Catalog['columns'] = {};
  for (const [table, spec] of Object.entries(SCHEMA)) {
    columns[table] = {};
    for (const [column, [type, nullability]] of Object.entries(
      spec as Record<string, readonly [string, string]>,
    ))
      columns[table][column] = [type, nullability, DEFAULTS[`${table}.${column}`] ?? null];
  }
  columns.kysely_migration_lock = {
    id: ['character varying(255)', 'not null', null],
    is_locked: ['integer', 'not null', '0'],
  };
  columns.sigap_migration = {
    name: ['character varying(255)', 'not null', null],
    timestamp: ['character varying(255)', 'not null', null],
  };
  return {
    relations: Object.fromEntries([...tables.map((t) => [t, 'table']), ['audit_log_id_seq', 'sequence']]),
    columns,
    indexes: INDEXES,
    constraints: CONSTRAINTS,
    // 0019: the rollups and the live notifications follow every change of a report
    triggers: ['report_kpi_delete', 'report_kpi_insert', 'report_kpi_update'],
  };
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

async function migrationFiles(): Promise<string[]> {
  return (await fs.readdir(MIGRATIONS_DIR))
    .filter((f) => /^\d{4}-.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

// One row per table (two where a table points at itself or at two reports), in foreign-key order.
const T0 = new Date('2026-11-23T02:00:00.000Z');
const T1 = new Date('2026-11-23T05:30:15.250Z');
const ID = {
  citizen: '0190a5e0-0000-7000-8000-000000000001',
  identity: '0190a5e0-0000-7000-8000-000000000002',
  report: '0190a5e0-0000-7000-8000-000000000003',
  other: '0190a5e0-0000-7000-8000-000000000004',
  attachment: '0190a5e0-0000-7000-8000-000000000005',
  flag: '0190a5e0-0000-7000-8000-000000000006',
  user: '0190a5e0-0000-7000-8000-000000000007',
  example: '0190a5e0-0000-7000-8000-000000000008',
  notice: '0190a5e0-0000-7000-8000-000000000009',
  inbound: '0190a5e0-0000-7000-8000-00000000000a',
  outbox: '0190a5e0-0000-7000-8000-00000000000b',
  notification: '0190a5e0-0000-7000-8000-00000000000c',
  reveal: '0190a5e0-0000-7000-8000-00000000000d',
  attempt: '0190a5e0-0000-7000-8000-00000000000e',
  push: '0190a5e0-0000-7000-8000-00000000000f',
};
const PHASH = '1010'.repeat(16);
const report = {
  id: ID.report,
  ticket: 'JK2611230001',
  status: 'menunggu',
  category_code: 'jalan',
  text: 'Jalan berlubang di depan halte',
  words: 'jalan lubang halte',
  public_text: 'Jalan berlubang di depan halte',
  address: 'Jl. Medan Merdeka',
  lat: -6.1754,
  lng: 106.8272,
  kelurahan_code: '31.71.01.1001',
  channel: 'web',
  is_private: false,
  is_anonymous: false,
  visibility: 'visible',
  visibility_reason: null,
  citizen_id: ID.citizen,
  identity_id: ID.identity,
  assigned_unit_id: 'kel-3171011001',
  suggested_unit_id: 'kel-3171011001',
  escalated_unit_id: null,
  escalation_level: 0,
  sla_clock: 'working',
  response_due_at: T1,
  completion_due_at: T1,
  responded_at: null,
  resolved_at: null,
  next_escalation_at: T1,
  ews_until: null,
  rating: 4,
  rating_comment: 'cepat',
  reopen_count: 0,
  merged_into_id: null,
  event_count: 1,
  created_at: T0,
  updated_at: T0,
};
const ROWS = {
  region: [
    { code: '31.71', level: 'kota', name: 'Jakarta Pusat', parent_code: null, lat: null, lng: null },
    {
      code: '31.71.01.1001',
      level: 'kelurahan',
      name: 'Gambir',
      parent_code: '31.71',
      lat: -6.1754,
      lng: 106.8272,
    },
  ],
  unit: [
    {
      id: 'kel-3171011001',
      name: 'Kelurahan Gambir',
      kind: 'kelurahan',
      region_code: '31.71.01.1001',
      parent_id: null,
      sector: null,
      email: 'kel.gambir@example.test',
    },
  ],
  category: [{ code: 'jalan', name_id: 'Jalan', name_en: 'Roads', sector: 'bina-marga' }],
  citizen: [{ id: ID.citizen, token_hash: 'hash-of-warga-token', created_at: T0, token_used_at: T1 }],
  citizen_token_ended: [
    { token_hash: 'hash-of-replaced-warga-token', citizen_id: ID.citizen, ended_at: T1, reason: 'replaced' },
  ],
  sign_in_attempt: [
    { id: ID.attempt, account_key: 'hmac-of-name', address_key: 'hmac-of-address', at: T1, failed: true },
  ],
  reporter_identity: [
    { id: ID.identity, sealed: Buffer.from([0, 1, 2, 254, 255]), key_id: 'k1', created_at: T0 },
  ],
  ticket_counter: [{ day: '2026-11-23', last_serial: 41 }],
  report: [
    report,
    {
      ...report,
      id: ID.other,
      ticket: 'JK2611230002',
      status: 'digabung',
      merged_into_id: ID.report,
      rating: null,
    },
  ],
  report_event: [
    {
      report_id: ID.report,
      seq: 1,
      type: 'created',
      from_status: null,
      to_status: 'menunggu',
      actor_kind: 'citizen',
      actor_id: null,
      actor_unit_id: null,
      target_unit_id: 'kel-3171011001',
      note: null,
      body: { type: 'created', routing: { rule: 'routing.csv:6' }, top: [0.9, 0.05] },
      created_at: T0,
      hash: 'a'.repeat(64),
      public_note: null,
    },
  ],
  report_link: [
    {
      report_id: ID.other,
      similar_report_id: ID.report,
      reason: 'nearby',
      distance_meters: 12.5,
      text_score: 0.75,
      created_at: T0,
    },
  ],
  attachment: [
    {
      id: ID.attachment,
      report_id: ID.report,
      role: 'evidence',
      kind: 'photo',
      mime: 'image/jpeg',
      original_key: 'o/1',
      public_key: 'p/1',
      thumb_key: 't/1',
      bytes: 12345,
      sha256: 'ab'.repeat(32),
      width: 640,
      height: 480,
      duration_seconds: 2.5,
      taken_at: T0,
      taken_lat: -6.2,
      taken_lng: 106.8166,
      uploaded_by: 'officer',
      created_at: T1,
      phash: PHASH,
      phash_b0: 0xaaaa,
      phash_b1: 0xaaaa,
      phash_b2: 0xaaaa,
      phash_b3: 0xaaaa,
      processing: 'pending',
    },
  ],
  attachment_crop_hash: [
    { attachment_id: ID.attachment, view: 3, phash: PHASH, b0: 0, b1: 1, b2: 65535, b3: 43690 },
  ],
  evidence_flag: [
    {
      id: ID.flag,
      report_id: ID.report,
      attachment_id: ID.attachment,
      code: 'reused_photo',
      level: 'warning',
      detail: JSON.stringify({ ticket: 'JK2611230002', distance: 3 }),
      created_at: T1,
    },
  ],
  app_user: [
    {
      id: ID.user,
      username: 'lurah.test',
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
      display_name: 'Lurah',
      role: 'officer',
      unit_id: 'kel-3171011001',
      active: true,
      created_at: T0,
      must_change_password: true,
      deactivated_at: null,
    },
  ],
  user_session: [{ token_hash: 'hash-of-petugas-token', user_id: ID.user, created_at: T0, expires_at: T1 }],
  audit_log: [
    {
      at: T1,
      actor_id: ID.user,
      action: 'reveal',
      subject: ID.report,
      reason: 'permintaan aparat penegak hukum',
      detail: JSON.stringify({ ok: true }),
      hash: 'b'.repeat(64),
    },
  ],
  labelled_example: [
    {
      id: ID.example,
      report_id: ID.report,
      text: 'Jalan berlubang di depan halte',
      category_code: 'jalan',
      previous_category_code: null,
      source: 'officer',
      labelled_by: ID.user,
      created_at: T1,
      redacted: true,
    },
  ],
  inbound_message: [
    {
      id: ID.inbound,
      channel: 'api',
      external_id: 'kunci-idempoten-1',
      request_hash: 'ab'.repeat(32),
      sender_key: 'cd'.repeat(32),
      report_id: ID.report,
      sealed: Buffer.from([1, 2, 3]),
      key_id: 'k1',
      received_at: T0,
    },
  ],
  staff_notice: [
    {
      id: ID.notice,
      recipient_id: ID.user,
      report_id: ID.report,
      kind: 'approved_evidence_reused',
      detail: JSON.stringify({ otherTicket: 'JK2611230002' }),
      created_at: T1,
      read_at: null,
    },
  ],
  outbox: [
    {
      id: ID.outbox,
      job: 'transcode-video',
      payload: JSON.stringify({ attachmentId: ID.attachment }),
      created_at: T1,
    },
  ],
  reveal_request: [
    {
      id: ID.reveal,
      report_id: ID.report,
      requested_by: ID.user,
      requester_unit_id: 'kel-3171011001',
      reason: 'Perlu konfirmasi lokasi pasti dari pelapor',
      requested_at: T1,
      status: 'menunggu',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      view_until: null,
      first_viewed_at: null,
    },
  ],
  push_subscription: [
    {
      id: ID.push,
      report_id: ID.report,
      citizen_id: ID.citizen,
      endpoint_key: 'hmac-of-endpoint',
      sealed: Buffer.from([1, 9, 8, 7]),
      key_id: 'k1',
      last_seq: 1,
      created_at: T1,
    },
  ],
  citizen_notification: [
    {
      id: ID.notification,
      report_id: ID.report,
      event_seq: 1,
      kind: 'status_changed',
      status: 'proses',
      created_at: T1,
      delivered_at: null,
    },
  ],
  kpi_rollup: [
    {
      grain: 'category',
      key: 'uji-bulat',
      day: '2001-02-03',
      received: 3,
      open: 1,
      done: 1,
      breached: 1,
      resolved: 1,
      resolved_on_time: 0,
      responded: 2,
      responded_on_time: 1,
      respond_seconds: 7200.5,
      resolve_seconds: 86400.25,
    },
  ],
  kpi_current: [{ grain: 'unit', key: 'uji-bulat', status: 'proses', reports: 2, breached: 1 }],
  kpi_duration: [
    { grain: 'unit', key: 'uji-bulat', day: '2001-02-03', metric: 'resolve', bucket: 37, reports: 1 },
  ],
} satisfies { [T in keyof Database]: Insertable<Database[T]>[] };

/** Tables the report triggers also write (migration 0019): the round trip looks only at its own rows there. */
const DERIVED = new Set(['kpi_rollup', 'kpi_current', 'kpi_duration']);

const JSONB_COLUMNS = new Set(
  Object.entries(SCHEMA).flatMap(([table, columns]) =>
    Object.entries(columns)
      .filter(([, [type]]) => type === 'jsonb')
      .map(([column]) => `${table}.${column}`),
  ),
);

/** What reading a row back gives: JSON text parsed, generated ids filled in (a `date` stays the day it was). */
function asRead(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const read = { ...row };
  for (const [key, value] of Object.entries(read)) {
    if (JSONB_COLUMNS.has(`${table}.${key}`) && typeof value === 'string') read[key] = JSON.parse(value);
  }
  if (table === 'audit_log') read.id = '1'; // bigserial; int8 is read as a string (database.ts)
  return read;
}

// One migrated database per engine, opened on first use and shared by the tests below: none of them changes the
// schema, and only the round trip writes rows, so they pass in any order or alone.
const stores = new Map<Engine, Promise<Store>>();
function storeFor(engine: Engine): Promise<Store> {
  let store = stores.get(engine);
  if (!store) stores.set(engine, (store = openTestStore(engine)));
  return store;
}
afterAll(async () => {
  for (const store of stores.values()) await (await store).close();
});

describe.each(testEngines())('store on %s', (engine) => {
  test('migrates to exactly the schema of the migrations, which matches the Database type', async () => {
    const { db } = await storeFor(engine);
    const catalog = await readCatalog(db);
    const expected = expectedCatalog();
    const tables = Object.keys(catalog.relations).filter((r) => catalog.relations[r] === 'table');
    expect(tables.filter((t) => !MIGRATOR_TABLES.includes(t)).sort()).toEqual(Object.keys(SCHEMA).sort());
    // compared part by part so that a failure names what differs
    expect(catalog.relations).toEqual(expected.relations);
    for (const table of Object.keys(expected.columns))
      expect({ [table]: catalog.columns[table] }).toEqual({ [table]: expected.columns[table] });
    expect(catalog.columns).toEqual(expected.columns);
    expect(catalog.indexes).toEqual(expected.indexes);
    expect(catalog.constraints).toEqual(expected.constraints);
    expect(catalog.triggers).toEqual(expected.triggers);
  });

  test('records every migration file, and a second migration run changes nothing', async () => {
    const { db } = await storeFor(engine);
    const applied = await sql<{ name: string }>`select name from sigap_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(await migrationFiles());
    const before = await readCatalog(db);
    expect(await migrateToLatest(db as Kysely<unknown>)).toEqual([]);
    expect(await readCatalog(db)).toEqual(before);
    const again = await sql<{ name: string }>`select name from sigap_migration order by name`.execute(db);
    expect(again.rows).toEqual(applied.rows);
  });

  test('every table takes a row and gives it back unchanged', async () => {
    const db = (await storeFor(engine)).db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const [table, rows] of Object.entries(ROWS)) await db.insertInto(table).values(rows).execute();
    for (const [table, rows] of Object.entries(ROWS)) {
      let read = await db.selectFrom(table).selectAll().execute();
      if (DERIVED.has(table)) read = read.filter((row) => row.key === 'uji-bulat');
      const expected = rows.map((row) => asRead(table, row as Record<string, unknown>));
      expect(read, table).toHaveLength(expected.length);
      expect(read, table).toEqual(expect.arrayContaining(expected));
    }
    // the constraints hold: a broken foreign key, a value outside a check and a duplicate key are refused
    await expect(
      db
        .insertInto('report_event')
        .values({ ...ROWS.report_event[0], report_id: ID.notice })
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      db.insertInto('region').values({ code: '31', level: 'negara', name: 'X' }).execute(),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(
      db
        .insertInto('report')
        .values({ ...report, id: ID.example })
        .execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });
});

const engines = testEngines();
test.runIf(engines.includes('embedded') && engines.includes('postgres'))(
  'the embedded engine and PostgreSQL migrate to the same schema',
  async () => {
    const embedded = await readCatalog((await storeFor('embedded')).db);
    const postgres = await readCatalog((await storeFor('postgres')).db);
    expect(embedded).toEqual(postgres);
  },
);
