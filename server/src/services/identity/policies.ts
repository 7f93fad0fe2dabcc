import type { Actor } from '../../domain/report-events.js';
import type { ReportState } from '../../domain/report-state.js';
import type { StoredEvent } from '../../store/report-repository.js';
import type { UserRole } from '../../store/schema.js';
import type { StaffUser } from '../../store/people-repository.js';

/**
 * Who may do what, in one place. The lifecycle rules (which command in which status) live in domain/decide.ts;
 * this file maps staff accounts to actors and decides which reports a staff member may open at all.
 */
const ACTOR_KIND: Record<UserRole, Actor['kind']> = {
  officer: 'officer',
  verifier: 'verifier',
  admin: 'admin',
  reveal_authority: 'officer',
};

export function actorOf(user: StaffUser): Actor {
  return { kind: ACTOR_KIND[user.role], id: user.id, unitId: user.unitId };
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
  if (actor.kind === 'verifier' || actor.kind === 'admin') return true;
  const unit = actor.unitId;
  if (!unit || accused.has(unit)) return false;
  if ([s.assignedUnitId, s.escalatedUnitId, s.suggestedUnitId].includes(unit)) return true;
  return events.some(
    ({ event }) => event.actor.unitId === unit || ('targetUnitId' in event && event.targetUnitId === unit),
  );
}

export function canRevealIdentity(user: StaffUser): boolean {
  return user.role === 'reveal_authority';
}
