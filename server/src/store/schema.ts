import type { ColumnType, Generated } from 'kysely';
import type { StaffRole } from '../domain/report-events.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface RegionTable {
  code: string;
  level: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';
  name: string;
  parent_code: string | null;
  lat: number | null;
  lng: number | null;
}

export interface UnitTable {
  id: string;
  name: string;
  kind: string;
  region_code: string | null;
  parent_id: string | null;
  sector: string | null;
  email: string | null;
}

export interface CategoryTable {
  code: string;
  name_id: string;
  name_en: string;
  sector: string | null;
}

export interface CitizenTable {
  id: string;
  /** the hash of the holder's current token */
  token_hash: string;
  created_at: Timestamp;
  /** the token's last use (refreshed at most daily); null: not used since it was issued */
  token_used_at: NullableTimestamp;
}

/** A citizen token that no longer opens anything, kept (as a hash) to tell its holder why. */
export interface CitizenTokenEndedTable {
  token_hash: string;
  citizen_id: string;
  ended_at: Timestamp;
  reason: 'replaced' | 'holder' | 'admin';
}

/** A sign-in attempt: pending while its password is checked, failed afterwards; successful ones are removed. */
export interface SignInAttemptTable {
  id: string;
  /** keyed hash of the name tried; null once that account signed in successfully after this attempt */
  account_key: string | null;
  /** keyed hash of the client's address */
  address_key: string;
  at: Timestamp;
  failed: boolean;
}

export interface ReporterIdentityTable {
  id: string;
  sealed: Buffer;
  key_id: string;
  created_at: Timestamp;
}

export interface InboundMessageTable {
  id: string;
  channel: string;
  /** The channel's own id for the message (a webhook's message id, an Idempotency-Key); null when it has none. */
  external_id: string | null;
  /** sha256 of what was asked, so a reused idempotency key with another request is told apart (with an id). */
  request_hash: string | null;
  /** HMAC of the sender's normalised handle (phone, e-mail, channel handle); null when none is known. */
  sender_key: string | null;
  report_id: string;
  /**
   * The payload as received and the first answer, sealed with the vault key; null for a message that has neither
   * a payload apart from its report (the REST API) nor an id it could be delivered again under.
   */
  sealed: Buffer | null;
  key_id: string | null;
  received_at: Timestamp;
}

export interface TicketCounterTable {
  day: string;
  last_serial: number;
}

export interface ReportTable {
  id: string;
  ticket: string;
  status: string;
  category_code: string;
  text: string;
  /** Derived from text (text/word-signature.ts); null on rows stored before migration 0006. */
  words: string | null;
  /** The text redacted for the public, written with the text (0009-public-text); null until backfilled. */
  public_text: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  kelurahan_code: string | null;
  channel: string;
  is_private: boolean;
  is_anonymous: boolean;
  visibility: string;
  visibility_reason: string | null;
  citizen_id: string | null;
  identity_id: string | null;
  assigned_unit_id: string;
  suggested_unit_id: string | null;
  escalated_unit_id: string | null;
  escalation_level: number;
  sla_clock: string;
  response_due_at: Timestamp;
  completion_due_at: Timestamp;
  responded_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  next_escalation_at: NullableTimestamp;
  ews_until: NullableTimestamp;
  rating: number | null;
  rating_comment: string | null;
  reopen_count: number;
  merged_into_id: string | null;
  event_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** "Laporan serupa": a report and an open report that looked like the same problem when it arrived. */
export interface ReportLinkTable {
  report_id: string;
  similar_report_id: string;
  reason: 'nearby' | 'text';
  distance_meters: number | null;
  text_score: number | null;
  created_at: Timestamp;
}

export interface ReportEventTable {
  report_id: string;
  seq: number;
  type: string;
  from_status: string | null;
  to_status: string;
  actor_kind: string;
  actor_id: string | null;
  actor_unit_id: string | null;
  target_unit_id: string | null;
  note: string | null;
  /** Written as the event object (the driver sends it as JSON), read back parsed. */
  body: ColumnType<unknown, object, object>;
  created_at: Timestamp;
  /** The link of this event in its report's chain; null only on events older than the chain. */
  hash: string | null;
  /** The note as the public may read it (masked when written); null without a note or before the backfill. */
  public_note: string | null;
}

export interface AttachmentTable {
  id: string;
  report_id: string;
  role: 'report' | 'evidence';
  kind: 'photo' | 'video';
  mime: string;
  original_key: string;
  public_key: string;
  thumb_key: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  taken_at: NullableTimestamp;
  taken_lat: number | null;
  taken_lng: number | null;
  uploaded_by: string;
  created_at: Timestamp;
  /** Perceptual hash (64 characters of 0/1) and its four 16-bit bands; null for videos and featureless photos. */
  phash: string | null;
  phash_b0: number | null;
  phash_b1: number | null;
  phash_b2: number | null;
  phash_b3: number | null;
  /** null: ready; 'pending' while the derivative is being made (a video's transcoding job); 'failed': given up. */
  processing: 'pending' | 'failed' | null;
}

/** Perceptual hashes of crop views of evidence photos (media/perceptual-hash.ts CROP_VIEWS), with their bands. */
export interface CropHashTable {
  attachment_id: string;
  view: number;
  phash: string;
  b0: number;
  b1: number;
  b2: number;
  b3: number;
}

export interface EvidenceFlagTable {
  id: string;
  report_id: string;
  attachment_id: string;
  code: string;
  level: 'warning' | 'info';
  detail: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** A notice for one staff member (services/handling/staff-notices.ts); unread until they mark it read. */
export interface StaffNoticeTable {
  id: string;
  recipient_id: string;
  /** The report the notice is about (for the verifier: the report whose evidence they approved). */
  report_id: string;
  kind: 'approved_evidence_reused';
  /** The kind's payload as JSON, e.g. the other report's ticket; never anything about a reporter. */
  detail: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

/** Work owed after a commit, waiting for the relay to move it into the job queue (services/jobs/relay.ts). */
export interface OutboxTable {
  id: string;
  /** A job name of services/jobs/job-types.ts. */
  job: string;
  /** The job's payload: ids only, never a reporter's details. */
  payload: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

/** Something a citizen should hear about their report; the channels deliver it and stamp `delivered_at`. */
export interface CitizenNotificationTable {
  id: string;
  report_id: string;
  /** The event it is about; one notification per event. */
  event_seq: number;
  kind: 'received' | 'status_changed';
  status: string;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export type UserRole = StaffRole;

export interface AppUserTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: UserRole;
  unit_id: string;
  active: boolean;
  created_at: Timestamp;
  /** a temporary password set by an administrator: its holder must choose their own first */
  must_change_password: Generated<boolean>;
  deactivated_at: Timestamp | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  subject: string | null;
  reason: string | null;
  detail: ColumnType<unknown, string, string>;
  /** The chain link of this entry (security/chain-hash.ts); null only on rows older than the chain. */
  hash: string | null;
}

/** A request to see a report's reporter, and its decision (domain/reveal-request.ts). */
export interface RevealRequestTable {
  id: string;
  report_id: string;
  requested_by: string;
  /** the requester's office when they asked: what the reporter is told */
  requester_unit_id: string;
  reason: string;
  requested_at: Timestamp;
  status: 'menunggu' | 'disetujui' | 'ditolak';
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  view_until: NullableTimestamp;
  first_viewed_at: NullableTimestamp;
}

export interface LabelledExampleTable {
  id: string;
  report_id: string | null;
  text: string;
  category_code: string;
  previous_category_code: string | null;
  source: 'officer' | 'import';
  labelled_by: string | null;
  created_at: Date;
  /** The text is masked like the public text (0017); rows from before are false until the start-up pass. */
  redacted: Generated<boolean>;
}

/** A browser following a report for Web Push (0018): the subscription sealed, found by a keyed hash. */
export interface PushSubscriptionTable {
  id: string;
  report_id: string;
  citizen_id: string;
  endpoint_key: string;
  sealed: Buffer;
  key_id: string;
  last_seq: number;
  created_at: Date;
}

/** Figures per grain × key × city-local day, kept by triggers on report (migration 0019). */
export interface KpiRollupTable {
  grain: 'city' | 'kota' | 'kelurahan' | 'unit' | 'channel' | 'category';
  key: string;
  day: string;
  received: number;
  open: number;
  done: number;
  breached: number;
  resolved: number;
  resolved_on_time: number;
  responded: number;
  responded_on_time: number;
  respond_seconds: number;
  resolve_seconds: number;
}

/** Reports now in each status per grain × key (migration 0019). */
export interface KpiCurrentTable {
  grain: 'city' | 'kota' | 'kelurahan' | 'unit';
  key: string;
  status: string;
  reports: number;
  breached: number;
}

/** Histograms of time to respond / resolve per grain × key × day (migration 0019). */
export interface KpiDurationTable {
  grain: 'city' | 'kota' | 'unit';
  key: string;
  day: string;
  metric: 'respond' | 'resolve';
  bucket: number;
  reports: number;
}

export interface Database {
  region: RegionTable;
  unit: UnitTable;
  category: CategoryTable;
  citizen: CitizenTable;
  citizen_token_ended: CitizenTokenEndedTable;
  sign_in_attempt: SignInAttemptTable;
  push_subscription: PushSubscriptionTable;
  reporter_identity: ReporterIdentityTable;
  inbound_message: InboundMessageTable;
  ticket_counter: TicketCounterTable;
  report: ReportTable;
  report_event: ReportEventTable;
  report_link: ReportLinkTable;
  attachment: AttachmentTable;
  attachment_crop_hash: CropHashTable;
  evidence_flag: EvidenceFlagTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  labelled_example: LabelledExampleTable;
  reveal_request: RevealRequestTable;
  staff_notice: StaffNoticeTable;
  outbox: OutboxTable;
  citizen_notification: CitizenNotificationTable;
  kpi_rollup: KpiRollupTable;
  kpi_current: KpiCurrentTable;
  kpi_duration: KpiDurationTable;
}
