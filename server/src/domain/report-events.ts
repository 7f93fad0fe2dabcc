import type { NewsSource } from './news-source.js';
import type { ReportState, Schedule } from './report-state.js';

/** The roles a staff account can have: the one list the schema, the API and the CLI take. */
export const STAFF_ROLES = ['officer', 'verifier', 'admin', 'reveal_authority', 'monitor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type ActorKind = 'citizen' | StaffRole | 'system';

export interface Actor {
  kind: ActorKind;
  /** user id for staff, citizen id for citizens, a job name for the system */
  id: string | null;
  unitId: string | null;
}

interface EventBase {
  at: Date;
  actor: Actor;
  note?: string | null;
  schedule?: Schedule;
}

/** The category model's decision, kept with the event that acted on it. */
export interface AutoCategory {
  category: string;
  confidence: number;
  top3: { category: string; confidence: number }[];
  /** False: below the city's threshold, so the report went to the triage desk. */
  sure: boolean;
  model: string;
}

export interface CreatedEvent extends EventBase {
  type: 'created';
  report: Pick<
    ReportState,
    | 'id'
    | 'ticket'
    | 'categoryCode'
    | 'text'
    | 'address'
    | 'lat'
    | 'lng'
    | 'kelurahanCode'
    | 'channel'
    | 'isPrivate'
    | 'isAnonymous'
    | 'citizenId'
    | 'identityId'
    | 'assignedUnitId'
    | 'suggestedUnitId'
    | 'slaClock'
  >;
  routing: { rule: string; mode: string };
  /** Present when the category was chosen by the model rather than the reporter. */
  classification?: AutoCategory;
  schedule: Required<Pick<Schedule, 'responseDueAt' | 'completionDueAt'>> & Schedule;
  /** Open reports that looked like the same problem when this one arrived ("laporan serupa"). */
  similar?: SimilarRef[];
  /** The news item a media-monitoring report was filed from (channel kind `media`). */
  newsSource?: NewsSource;
}

export type SimilarReason = 'nearby' | 'text';

export interface SimilarRef {
  reportId: string;
  ticket: string;
  reason: SimilarReason;
  distanceMeters?: number;
  /** Text similarity, 0–1. */
  score?: number;
}

/** What a reporter's edit may change: the text, the address, or (a location sent by chat) the GPS point. */
export interface EditChanges {
  text?: string;
  address?: string | null;
  lat?: number;
  lng?: number;
}

export interface EditedEvent extends EventBase {
  type: 'edited';
  changes: EditChanges;
  /** Present when the edit moved the report: its new place and unit, and the rule that chose them. */
  placement?: {
    kelurahanCode: string | null;
    assignedUnitId: string;
    suggestedUnitId: string | null;
    rule: string;
    /** Present when the new text made the model choose another category (only while the model's choice stood). */
    category?: { code: string; classification: AutoCategory };
  };
}

export interface HandOverEvent extends EventBase {
  type: 'coordinated' | 'delegated';
  targetUnitId: string;
}

export interface SimpleEvent extends EventBase {
  type: 'process_started' | 'approved' | 'returned' | 'rejected' | 'withdrawn' | 'note_added';
}

export interface EwsEvent extends EventBase {
  type: 'ews_set';
  until: Date;
}

export interface FollowedUpEvent extends EventBase {
  type: 'followed_up';
  attachmentIds: string[];
}

export interface RatedEvent extends EventBase {
  type: 'rated';
  rating: number;
}

export interface ReopenedEvent extends EventBase {
  type: 'reopened';
  targetUnitId: string;
}

export interface VisibilityEvent extends EventBase {
  type: 'hidden' | 'removed' | 'shown';
}

export interface EscalatedEvent extends EventBase {
  type: 'escalated';
  targetUnitId: string;
  level: number;
}

/** This report was merged into another open report about the same problem; its citizen follows that one. */
export interface MergedEvent extends EventBase {
  type: 'merged';
  intoReportId: string;
  intoTicket: string;
}

/** Recorded on the report that received a merged duplicate. */
export interface MergeReceivedEvent extends EventBase {
  type: 'merge_received';
  fromReportId: string;
  fromTicket: string;
}

/**
 * An officer corrected the category. The report is placed again under the new category's routing rule (it
 * moves only where placement moves it, e.g. off the triage desk), and the correction trains the model.
 */
export interface RecategorisedEvent extends EventBase {
  type: 'recategorised';
  fromCategory: string;
  toCategory: string;
  targetUnitId: string;
  suggestedUnitId: string | null;
  rule: string;
}

export type ReportEvent =
  | CreatedEvent
  | EditedEvent
  | HandOverEvent
  | SimpleEvent
  | EwsEvent
  | FollowedUpEvent
  | RatedEvent
  | ReopenedEvent
  | VisibilityEvent
  | EscalatedEvent
  | MergedEvent
  | MergeReceivedEvent
  | RecategorisedEvent;

export type ReportEventType = ReportEvent['type'];
