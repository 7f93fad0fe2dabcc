import { can, involvedUnitsOf } from '../../domain/authorize.js';
import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import type { StoredEvent } from '../../store/report-repository.js';
import type { StaffUser } from '../../store/people-repository.js';

/** A staff account as the actor of domain/authorize.ts and of the events it writes. */
export function actorOf(user: StaffUser): Actor {
  return { kind: user.role, id: user.id, unitId: user.unitId };
}

/**
 * Officers see reports their unit holds, is suggested for, or has handled before; verifiers and admins see all.
 * `accused`: offices that must never see the report (the offices of the place of a conduct complaint).
 */
export function canStaffSeeReport(
  actor: Actor,
  s: ReportState,
  events: StoredEvent[],
  accused: ReadonlySet<string> = new Set(),
): boolean {
  return can(actor, 'report.read', {
    state: s,
    involvedUnitIds: involvedUnitsOf(events),
    accusedUnitIds: accused,
  });
}
