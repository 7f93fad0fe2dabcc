import type { Static } from 'typebox';
import type { ReportState } from '../../domain/report-state.js';
import { slaFlag } from '../../domain/sla.js';
import { STATUS_LABELS, type Status } from '../../domain/statuses.js';
import type { ViewAttachment } from '../../store/report-view-query.js';
import type { StoredEvent } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';
import { EVENT_LABELS } from './event-labels.js';
import {
  type AttachmentView,
  type CategoryView,
  type HistoryEntryCore,
  iso,
  type KelurahanRef,
  type SlaView,
  type StatusView,
  type UnitRef,
} from './read-schemas.js';

/** The pieces every audience's view is built from (names, labels, deadlines), none of them private. */

export function unitRef(ctx: AppContext, id: string | null): Static<typeof UnitRef> | null {
  if (!id) return null;
  return { id, name: ctx.city.city.units.get(id)?.name ?? id };
}

export function kelurahanRef(ctx: AppContext, code: string | null): Static<typeof KelurahanRef> | null {
  if (!code) return null;
  return { code, name: ctx.city.city.regions.get(code)?.name ?? code };
}

export function statusView(status: Status): Static<typeof StatusView> {
  return { code: status, label: STATUS_LABELS[status] };
}

export function categoryView(ctx: AppContext, code: string): Static<typeof CategoryView> {
  const c = ctx.city.city.categories.get(code);
  return { code, label: { id: c?.nameId ?? code, en: c?.nameEn ?? code } };
}

/** What a report's deadlines and their flags are read from. */
export type SlaFacts = Pick<
  ReportState,
  'slaClock' | 'createdAt' | 'responseDueAt' | 'completionDueAt' | 'respondedAt' | 'resolvedAt'
>;

export function slaView(ctx: AppContext, s: SlaFacts, now: Date): Static<typeof SlaView> {
  const clock = s.slaClock;
  const thresholds = ctx.city.thresholds;
  const calendar = ctx.city.calendar;
  return {
    responseDueAt: iso(s.responseDueAt),
    completionDueAt: iso(s.completionDueAt),
    responseFlag: slaFlag(
      { now, startedAt: s.createdAt, dueAt: s.responseDueAt, doneAt: s.respondedAt, clock, thresholds },
      calendar,
    ),
    completionFlag: slaFlag(
      { now, startedAt: s.createdAt, dueAt: s.completionDueAt, doneAt: s.resolvedAt, clock, thresholds },
      calendar,
    ),
  };
}

export function attachmentView(a: ViewAttachment): Static<typeof AttachmentView> {
  return {
    id: a.id,
    kind: a.kind,
    role: a.role,
    // a video being transcoded (or given up on) has no public copy to link to yet
    state: a.processing === null ? 'ready' : a.processing === 'pending' ? 'processing' : 'failed',
    url: a.processing === null ? `/media/${a.id}/public` : null,
    thumbnailUrl: a.processing === null ? `/media/${a.id}/thumbnail` : null,
    width: a.width,
    height: a.height,
    durationSeconds: a.duration_seconds,
  };
}

/** What every history entry says, whoever reads it; notes are each audience's own decision. */
export function historyEntry(
  ctx: AppContext,
  { seq, toStatus, event }: StoredEvent,
): Static<typeof HistoryEntryCore> {
  return {
    seq,
    type: event.type,
    label: EVENT_LABELS[event.type],
    status: statusView(toStatus as Status),
    at: iso(event.at),
    actor: event.actor.kind,
    unit: unitRef(ctx, event.actor.unitId),
    targetUnit: unitRef(ctx, 'targetUnitId' in event ? event.targetUnitId : null),
  };
}

/** Extras an event carries that every audience seeing the event may read. */
export function historyExtras({ event }: StoredEvent) {
  return {
    ...(event.type === 'rated' ? { rating: event.rating } : {}),
    ...(event.type === 'ews_set' ? { until: iso(event.until) } : {}),
    ...(event.type === 'merged' ? { intoTicket: event.intoTicket } : {}),
    ...(event.type === 'merge_received' ? { fromTicket: event.fromTicket } : {}),
  };
}
