/** Service-level deadlines, traffic-light flags and escalation times for reports. */
import { addDuration, elapsedHours } from './calendar.js';
import type { Clock, WorkCalendar } from './calendar.js';

export interface SlaPolicy {
  category: string;
  responseHours: number;
  completionHours: number;
  clock: Clock;
}

export interface SlaThresholds {
  /** Fraction of the allowed time used (0..1) from which a running item turns yellow, e.g. 0.75. */
  yellowAtFraction: number;
}

export type SlaFlag = 'green' | 'yellow' | 'red';

/** Escalate one level this long after the completion deadline, and again as long after each escalation. */
export interface EscalationPolicy {
  afterOverdueHours: number;
  clock: Clock;
}

/** Both deadlines run from the creation time (completion is not counted from the response). */
export function computeDeadlines(
  createdAt: Date,
  policy: SlaPolicy,
  cal: WorkCalendar,
): { responseDueAt: Date; completionDueAt: Date } {
  return {
    responseDueAt: addDuration(createdAt, { hours: policy.responseHours, clock: policy.clock }, cal),
    completionDueAt: addDuration(createdAt, { hours: policy.completionHours, clock: policy.clock }, cal),
  };
}

/**
 * Done items: green when done at or before the deadline, red when after. Running items: red once `now` is
 * past the deadline, yellow when the used share of the allowed time (measured on `clock`) has reached
 * `yellowAtFraction`, green otherwise. When no time was allowed at all, a running item that is not yet
 * late is yellow.
 */
export function slaFlag(
  args: {
    now: Date;
    startedAt: Date;
    dueAt: Date;
    doneAt?: Date | null;
    clock: Clock;
    thresholds: SlaThresholds;
  },
  cal: WorkCalendar,
): SlaFlag {
  const { now, startedAt, dueAt, doneAt, clock, thresholds } = args;
  const fraction = thresholds.yellowAtFraction;
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new RangeError(`slaFlag: yellowAtFraction must be within 0..1, got ${fraction}`);
  }
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'green' : 'red';
  if (now.getTime() > dueAt.getTime()) return 'red';
  const allowed = elapsedHours(startedAt, dueAt, clock, cal);
  if (allowed === 0) return 'yellow';
  return elapsedHours(startedAt, now, clock, cal) / allowed >= fraction ? 'yellow' : 'green';
}

/** When escalation number `level + 1` is due: level 0 is the first escalation after the deadline. */
export function nextEscalationAt(
  completionDueAt: Date,
  level: number,
  policy: EscalationPolicy,
  cal: WorkCalendar,
): Date {
  if (!Number.isInteger(level) || level < 0) {
    throw new RangeError(`nextEscalationAt: level must be an integer >= 0, got ${level}`);
  }
  if (!Number.isFinite(policy.afterOverdueHours) || policy.afterOverdueHours <= 0) {
    throw new RangeError(`nextEscalationAt: afterOverdueHours must be > 0, got ${policy.afterOverdueHours}`);
  }
  // Adding (level + 1) steps at once equals stepping one at a time: working time composes additively.
  const hours = policy.afterOverdueHours * (level + 1);
  return addDuration(completionDueAt, { hours, clock: policy.clock }, cal);
}
