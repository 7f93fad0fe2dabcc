import { accusedOffices } from '../../city/conduct.js';
import { can, followedUpByOf, involvedUnitsOf, type ReportResource } from '../../domain/authorize.js';
import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import type { StaffUser } from '../../store/people-repository.js';
import type { StoredEvent } from '../../store/report-repository.js';
import type { AppContext } from '../app/app-context.js';

/** A staff account as the actor of domain/authorize.ts and of the events it writes. */
export function actorOf(user: StaffUser): Actor {
  return { kind: user.role, id: user.id, unitId: user.unitId };
}

/**
 * A report as domain/authorize.ts judges staff on it: the units its history names, the offices that must never
 * see it (the offices of the place of a complaint about officials) and who gave its latest follow-up.
 */
export function staffReportResource(ctx: AppContext, s: ReportState, events: StoredEvent[]): ReportResource {
  return {
    state: s,
    involvedUnitIds: involvedUnitsOf(events),
    accusedUnitIds: accusedOffices(ctx.city.city, s.categoryCode, s.kelurahanCode),
    followedUpBy: followedUpByOf(events),
  };
}

/** Officers see reports their unit holds, is suggested for, or has handled before; verifiers and admins see all. */
export function canStaffSeeReport(
  ctx: AppContext,
  actor: Actor,
  s: ReportState,
  events: StoredEvent[],
): boolean {
  return can(actor, 'report.read', staffReportResource(ctx, s, events));
}
