import type { Insertable, Selectable } from 'kysely';
import type { ReportEvent } from '../domain/report-events.js';
import type { Clock, ReportState, Visibility } from '../domain/report-state.js';
import type { Status } from '../domain/statuses.js';
import { wordSignature } from '../text/word-signature.js';
import type { ReportEventTable, ReportTable } from './schema.js';

export type ReportRow = Selectable<ReportTable>;

/** The row of a report's state; `words` is its word signature, when the caller has it already. */
export function stateToRow(s: ReportState, words: string = wordSignature(s.text)): Insertable<ReportTable> {
  return {
    id: s.id,
    ticket: s.ticket,
    status: s.status,
    category_code: s.categoryCode,
    text: s.text,
    words,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    kelurahan_code: s.kelurahanCode,
    channel: s.channel,
    is_private: s.isPrivate,
    is_anonymous: s.isAnonymous,
    visibility: s.visibility,
    visibility_reason: s.visibilityReason,
    citizen_id: s.citizenId,
    identity_id: s.identityId,
    assigned_unit_id: s.assignedUnitId,
    suggested_unit_id: s.suggestedUnitId,
    escalated_unit_id: s.escalatedUnitId,
    escalation_level: s.escalationLevel,
    sla_clock: s.slaClock,
    response_due_at: s.responseDueAt,
    completion_due_at: s.completionDueAt,
    responded_at: s.respondedAt,
    resolved_at: s.resolvedAt,
    next_escalation_at: s.nextEscalationAt,
    ews_until: s.ewsUntil,
    rating: s.rating,
    rating_comment: s.ratingComment,
    reopen_count: s.reopenCount,
    merged_into_id: s.mergedIntoId,
    event_count: s.eventCount,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function rowToState(r: ReportRow): ReportState {
  return {
    id: r.id,
    ticket: r.ticket,
    status: r.status as Status,
    categoryCode: r.category_code,
    text: r.text,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    kelurahanCode: r.kelurahan_code,
    channel: r.channel,
    isPrivate: r.is_private,
    isAnonymous: r.is_anonymous,
    visibility: r.visibility as Visibility,
    visibilityReason: r.visibility_reason,
    citizenId: r.citizen_id,
    identityId: r.identity_id,
    assignedUnitId: r.assigned_unit_id,
    suggestedUnitId: r.suggested_unit_id,
    escalatedUnitId: r.escalated_unit_id,
    escalationLevel: r.escalation_level,
    slaClock: r.sla_clock as Clock,
    responseDueAt: r.response_due_at,
    completionDueAt: r.completion_due_at,
    respondedAt: r.responded_at,
    resolvedAt: r.resolved_at,
    nextEscalationAt: r.next_escalation_at,
    ewsUntil: r.ews_until,
    rating: r.rating,
    ratingComment: r.rating_comment,
    reopenCount: r.reopen_count,
    mergedIntoId: r.merged_into_id,
    eventCount: r.event_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const DATE_KEYS = new Set(['at', 'until', 'responseDueAt', 'completionDueAt', 'nextEscalationAt']);

/** Every string under a date key, at any depth, made a Date (in place; what a JSON.parse reviver would do). */
function reviveDates(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) reviveDates(item);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'string') {
      if (DATE_KEYS.has(key)) record[key] = new Date(child);
    } else reviveDates(child);
  }
}

/**
 * Events are stored whole as JSON; dates come back as ISO strings and are revived here. Parsed without a reviver
 * (a reviver is called for every value: it was most of a report view's JSON work), then walked once.
 */
export function reviveEvent(body: unknown): ReportEvent {
  const event: unknown = JSON.parse(typeof body === 'string' ? body : JSON.stringify(body));
  reviveDates(event);
  return event as ReportEvent;
}

export function eventToRow(
  reportId: string,
  seq: number,
  event: ReportEvent,
  fromStatus: Status | null,
  toStatus: Status,
): Insertable<ReportEventTable> {
  return {
    report_id: reportId,
    seq,
    type: event.type,
    from_status: fromStatus,
    to_status: toStatus,
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_unit_id: event.actor.unitId,
    target_unit_id: 'targetUnitId' in event ? event.targetUnitId : null,
    note: event.note ?? null,
    body: event,
    created_at: event.at,
  };
}
