import { computeDeadlines, nextEscalationAt } from '../../domain/sla.js';
import type { ReportEvent } from '../../domain/report-events.js';
import type { ReportState, Schedule } from '../../domain/report-state.js';
import { OPEN_STATUSES } from '../../domain/statuses.js';
import type { CityContext } from '../app/city-context.js';

/** The unit one level above, if escalation may climb there (the city data names the kinds where it stops). */
export function escalationParent(ctx: CityContext, unitId: string): string | null {
  const unit = ctx.city.units.get(unitId);
  if (!unit?.parentId || ctx.city.config.escalation.topKinds.includes(unit.kind)) return null;
  return ctx.city.units.has(unit.parentId) ? unit.parentId : null;
}

export function nextEscalation(ctx: CityContext, state: ReportState): Date | null {
  if (!OPEN_STATUSES.has(state.status)) return null;
  const current = state.escalatedUnitId ?? state.assignedUnitId;
  if (!escalationParent(ctx, current)) return null;
  return nextEscalationAt(state.completionDueAt, state.escalationLevel, ctx.escalation, ctx.calendar);
}

/**
 * The deadlines an event brings with it: a reopened report gets a fresh clock, and every change that can move
 * the report between units or statuses recomputes when it escalates next.
 */
export function scheduleFor(ctx: CityContext, draft: ReportState, event: ReportEvent): Schedule {
  const schedule: Schedule = {};
  let state = draft;
  if (event.type === 'reopened') {
    const fresh = computeDeadlines(event.at, ctx.slaPolicy(draft.categoryCode), ctx.calendar);
    Object.assign(schedule, fresh);
    state = { ...draft, ...fresh };
  }
  schedule.nextEscalationAt = nextEscalation(ctx, state);
  return schedule;
}
