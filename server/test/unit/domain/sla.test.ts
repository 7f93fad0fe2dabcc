import { describe, expect, it } from 'vitest';

import type { WorkCalendar } from '../../../src/domain/calendar.js';
import { computeDeadlines, nextEscalationAt, slaFlag } from '../../../src/domain/sla.js';
import type { SlaPolicy } from '../../../src/domain/sla.js';

const jkt = (local: string): Date => new Date(`${local}+07:00`);

const cal: WorkCalendar = {
  utcOffsetMinutes: 420,
  workdays: [1, 2, 3, 4, 5],
  workHours: { start: '08:00', end: '16:00' },
  holidays: new Set(['2025-03-31', '2025-04-01']),
};

describe('computeDeadlines', () => {
  const fridayAfternoon = jkt('2025-03-07T14:00');

  it('counts both deadlines from creation in working hours', () => {
    const policy: SlaPolicy = { category: 'Jalan', responseHours: 6, completionHours: 56, clock: 'working' };
    expect(computeDeadlines(fridayAfternoon, policy, cal)).toEqual({
      // 2 h on Friday, 4 h on Monday.
      responseDueAt: jkt('2025-03-10T12:00'),
      // 2 h on Friday, 48 h over Monday 10 – Monday 17 March, 6 h on Tuesday 18 March.
      completionDueAt: jkt('2025-03-18T14:00'),
    });
  });

  it('counts wall-clock hours on the calendar clock', () => {
    const policy: SlaPolicy = {
      category: 'Pohon',
      responseHours: 6,
      completionHours: 168,
      clock: 'calendar',
    };
    expect(computeDeadlines(fridayAfternoon, policy, cal)).toEqual({
      responseDueAt: jkt('2025-03-07T20:00'),
      completionDueAt: jkt('2025-03-14T14:00'),
    });
  });

  it('skips holidays on the working clock', () => {
    const policy: SlaPolicy = { category: 'Banjir', responseHours: 3, completionHours: 16, clock: 'working' };
    // Friday 28 March 15:00: 1 h on Friday, then Monday and Tuesday are holidays.
    expect(computeDeadlines(jkt('2025-03-28T15:00'), policy, cal)).toEqual({
      responseDueAt: jkt('2025-04-02T10:00'),
      completionDueAt: jkt('2025-04-03T15:00'),
    });
  });

  it('rejects a negative time limit', () => {
    const policy: SlaPolicy = { category: 'Jalan', responseHours: -1, completionHours: 8, clock: 'working' };
    expect(() => computeDeadlines(fridayAfternoon, policy, cal)).toThrow(RangeError);
  });
});

describe('slaFlag', () => {
  // A full working day allowed: Wednesday 08:00 – 16:00.
  const startedAt = jkt('2025-03-05T08:00');
  const dueAt = jkt('2025-03-05T16:00');
  const thresholds = { yellowAtFraction: 0.75 };
  const flagAt = (now: string, doneAt?: Date | null): string =>
    slaFlag({ now: jkt(now), startedAt, dueAt, doneAt, clock: 'working', thresholds }, cal);

  it('is green while less than the threshold is used', () => {
    expect(flagAt('2025-03-05T08:00')).toBe('green');
    expect(flagAt('2025-03-05T13:59')).toBe('green');
  });

  it('turns yellow exactly at the threshold and stays yellow up to the deadline', () => {
    expect(flagAt('2025-03-05T14:00')).toBe('yellow');
    expect(flagAt('2025-03-05T16:00')).toBe('yellow');
  });

  it('turns red the moment the deadline has passed', () => {
    expect(
      slaFlag({ now: new Date(dueAt.getTime() + 1), startedAt, dueAt, clock: 'working', thresholds }, cal),
    ).toBe('red');
    expect(flagAt('2025-03-10T09:00')).toBe('red');
  });

  it('judges finished items by when they were done, not by now', () => {
    expect(flagAt('2025-03-20T09:00', jkt('2025-03-05T15:00'))).toBe('green');
    expect(flagAt('2025-03-20T09:00', dueAt)).toBe('green');
    expect(flagAt('2025-03-05T16:30', jkt('2025-03-05T16:01'))).toBe('red');
    expect(flagAt('2025-03-05T09:00', null)).toBe('green');
  });

  it('measures the used share on the policy clock', () => {
    // Wednesday 10:00 → Thursday 10:00 is 8 working hours (6 + 2) or 24 wall-clock hours.
    const args = { startedAt: jkt('2025-03-05T10:00'), dueAt: jkt('2025-03-06T10:00'), thresholds };
    const lateEvening = jkt('2025-03-05T22:00'); // 6 of 8 working hours used, 12 of 24 clock hours
    expect(slaFlag({ ...args, now: lateEvening, clock: 'working' }, cal)).toBe('yellow');
    expect(slaFlag({ ...args, now: lateEvening, clock: 'calendar' }, cal)).toBe('green');
  });

  it('is green when now is before the start', () => {
    expect(flagAt('2025-03-04T12:00')).toBe('green');
  });

  it('is yellow, not green, when no time was allowed and the deadline is now', () => {
    const instant = jkt('2025-03-05T10:00');
    const args = { startedAt: instant, dueAt: instant, clock: 'calendar' as const, thresholds };
    expect(slaFlag({ ...args, now: instant }, cal)).toBe('yellow');
    expect(slaFlag({ ...args, now: jkt('2025-03-05T10:01') }, cal)).toBe('red');
  });

  it('rejects a threshold outside 0..1', () => {
    for (const yellowAtFraction of [-0.1, 1.5, Number.NaN]) {
      expect(() =>
        slaFlag(
          { now: startedAt, startedAt, dueAt, clock: 'working', thresholds: { yellowAtFraction } },
          cal,
        ),
      ).toThrow(RangeError);
    }
  });
});

describe('nextEscalationAt', () => {
  const completionDueAt = jkt('2025-03-07T15:00'); // a Friday
  const working = { afterOverdueHours: 4, clock: 'working' as const };

  it('escalates the given working time after the deadline, and again after each escalation', () => {
    expect(nextEscalationAt(completionDueAt, 0, working, cal)).toEqual(jkt('2025-03-10T11:00'));
    expect(nextEscalationAt(completionDueAt, 1, working, cal)).toEqual(jkt('2025-03-10T15:00'));
    expect(nextEscalationAt(completionDueAt, 2, working, cal)).toEqual(jkt('2025-03-11T11:00'));
  });

  it('equals stepping one escalation at a time', () => {
    let at = completionDueAt;
    for (let level = 0; level < 12; level++) {
      at = nextEscalationAt(at, 0, working, cal);
      expect(nextEscalationAt(completionDueAt, level, working, cal)).toEqual(at);
    }
  });

  it('uses wall-clock hours on the calendar clock', () => {
    const daily = { afterOverdueHours: 24, clock: 'calendar' as const };
    expect(nextEscalationAt(completionDueAt, 0, daily, cal)).toEqual(jkt('2025-03-08T15:00'));
    expect(nextEscalationAt(completionDueAt, 2, daily, cal)).toEqual(jkt('2025-03-10T15:00'));
  });

  it('rejects a bad level or interval', () => {
    expect(() => nextEscalationAt(completionDueAt, -1, working, cal)).toThrow(RangeError);
    expect(() => nextEscalationAt(completionDueAt, 1.5, working, cal)).toThrow(RangeError);
    expect(() =>
      nextEscalationAt(completionDueAt, 0, { afterOverdueHours: 0, clock: 'working' }, cal),
    ).toThrow(RangeError);
  });
});
