import type { ReportState, Schedule } from './report-state.js';

export type ActorKind = 'citizen' | 'officer' | 'verifier' | 'admin' | 'system';

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
  schedule: Required<Pick<Schedule, 'responseDueAt' | 'completionDueAt'>> & Schedule;
}

export interface EditedEvent extends EventBase {
  type: 'edited';
  changes: { text?: string; address?: string | null };
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
  | EscalatedEvent;

export type ReportEventType = ReportEvent['type'];
