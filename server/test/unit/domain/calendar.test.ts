import { describe, expect, it } from 'vitest';

import {
  addDuration,
  addWorkingHours,
  elapsedHours,
  isWorkingDay,
  localDateString,
  workingHoursBetween,
} from '../../../src/domain/calendar.js';
import type { WorkCalendar } from '../../../src/domain/calendar.js';

/** An instant written in Jakarta time (UTC+7). */
const jkt = (local: string): Date => new Date(`${local}+07:00`);

const jakarta = (holidays: string[] = []): WorkCalendar => ({
  utcOffsetMinutes: 420,
  workdays: [1, 2, 3, 4, 5],
  workHours: { start: '08:00', end: '16:00' },
  holidays: new Set(holidays),
});

// Modelled on the 2025 Nyepi and Lebaran holidays with cuti bersama.
const LEBARAN_2025 = [
  '2025-03-28',
  '2025-03-31',
  '2025-04-01',
  '2025-04-02',
  '2025-04-03',
  '2025-04-04',
  '2025-04-07',
];
const YEAR_END = ['2024-12-25', '2024-12-26', '2025-01-01'];

describe('localDateString', () => {
  it('uses city time, not UTC', () => {
    expect(localDateString(new Date('2025-03-04T16:59:59.999Z'), { utcOffsetMinutes: 420 })).toBe(
      '2025-03-04',
    );
    expect(localDateString(new Date('2025-03-04T17:00:00Z'), { utcOffsetMinutes: 420 })).toBe('2025-03-05');
  });

  it('crosses the year boundary at local midnight', () => {
    expect(localDateString(new Date('2024-12-31T16:59:00Z'), { utcOffsetMinutes: 420 })).toBe('2024-12-31');
    expect(localDateString(new Date('2024-12-31T17:00:00Z'), { utcOffsetMinutes: 420 })).toBe('2025-01-01');
  });

  it('handles negative offsets', () => {
    expect(localDateString(new Date('2025-01-01T04:00:00Z'), { utcOffsetMinutes: -300 })).toBe('2024-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => localDateString(new Date('nope'), { utcOffsetMinutes: 420 })).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  const cal = jakarta(LEBARAN_2025);

  it('is true on a plain weekday and false at weekends', () => {
    expect(isWorkingDay('2025-03-05', cal)).toBe(true); // Wednesday
    expect(isWorkingDay('2025-03-08', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-09', cal)).toBe(false); // Sunday
  });

  it('is false on holidays and cuti bersama', () => {
    expect(isWorkingDay('2025-03-31', cal)).toBe(false);
    expect(isWorkingDay('2025-04-07', cal)).toBe(false);
    expect(isWorkingDay('2025-04-08', cal)).toBe(true);
  });

  it('follows a custom week', () => {
    const saturdays = { ...jakarta(), workdays: [1, 2, 3, 4, 5, 6] };
    expect(isWorkingDay('2025-03-08', saturdays)).toBe(true);
    expect(isWorkingDay('2025-03-09', saturdays)).toBe(false);
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => isWorkingDay('2025-02-30', cal)).toThrow(RangeError);
    expect(() => isWorkingDay('2025-3-5', cal)).toThrow(RangeError);
    expect(() => isWorkingDay('05-03-2025', cal)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  const cal = jakarta();

  it('stays within the same day when there is time left', () => {
    expect(addWorkingHours(jkt('2025-03-05T10:00'), 3, cal)).toEqual(jkt('2025-03-05T13:00'));
  });

  it('ends at closing time when the work fits exactly', () => {
    expect(addWorkingHours(jkt('2025-03-05T10:00'), 6, cal)).toEqual(jkt('2025-03-05T16:00'));
  });

  it('carries the rest into the next morning', () => {
    expect(addWorkingHours(jkt('2025-03-05T10:00'), 7, cal)).toEqual(jkt('2025-03-06T09:00'));
  });

  it('skips the weekend from a Friday afternoon', () => {
    expect(addWorkingHours(jkt('2025-03-07T14:00'), 2, cal)).toEqual(jkt('2025-03-07T16:00'));
    expect(addWorkingHours(jkt('2025-03-07T14:00'), 4, cal)).toEqual(jkt('2025-03-10T10:00'));
  });

  it('starts counting at the next opening from a night or early-morning start', () => {
    expect(addWorkingHours(jkt('2025-03-05T22:00'), 1, cal)).toEqual(jkt('2025-03-06T09:00'));
    expect(addWorkingHours(jkt('2025-03-05T03:00'), 1, cal)).toEqual(jkt('2025-03-05T09:00'));
    expect(addWorkingHours(jkt('2025-03-05T16:00'), 1, cal)).toEqual(jkt('2025-03-06T09:00'));
  });

  it('starts counting on Monday from a weekend start', () => {
    expect(addWorkingHours(jkt('2025-03-08T10:00'), 1.5, cal)).toEqual(jkt('2025-03-10T09:30'));
  });

  it('handles fractional hours', () => {
    // 30 minutes on Wednesday, 15 on Thursday.
    expect(addWorkingHours(jkt('2025-03-05T15:30'), 0.75, cal)).toEqual(jkt('2025-03-06T08:15'));
    expect(addWorkingHours(jkt('2025-03-05T08:00'), 1 / 60, cal)).toEqual(jkt('2025-03-05T08:01'));
  });

  it('skips a holiday it starts on and the whole Lebaran break', () => {
    const lebaran = jakarta(LEBARAN_2025);
    expect(addWorkingHours(jkt('2025-03-31T10:00'), 2, lebaran)).toEqual(jkt('2025-04-08T10:00'));
    // 1 h on Thursday 27 March, then nothing until Tuesday 8 April.
    expect(addWorkingHours(jkt('2025-03-27T15:00'), 2, lebaran)).toEqual(jkt('2025-04-08T09:00'));
  });

  it('crosses the year boundary over New Year', () => {
    const yearEnd = jakarta(YEAR_END);
    // 1 h on Tuesday 31 December, Wednesday 1 January is a holiday, 2 h on Thursday.
    expect(addWorkingHours(jkt('2024-12-31T15:00'), 3, yearEnd)).toEqual(jkt('2025-01-02T10:00'));
    // Christmas and the day after fall on Wednesday and Thursday.
    expect(addWorkingHours(jkt('2024-12-24T12:00'), 8, yearEnd)).toEqual(jkt('2024-12-27T12:00'));
  });

  it('returns the start unchanged for 0 hours, even at night', () => {
    const night = jkt('2025-03-08T23:00');
    const result = addWorkingHours(night, 0, cal);
    expect(result).toEqual(night);
    expect(result).not.toBe(night);
  });

  it('rejects negative and non-finite hours', () => {
    expect(() => addWorkingHours(jkt('2025-03-05T10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingHours(jkt('2025-03-05T10:00'), Number.NaN, cal)).toThrow(RangeError);
    expect(() => addWorkingHours(jkt('2025-03-05T10:00'), Infinity, cal)).toThrow(RangeError);
  });

  it('adds a whole year of working hours (52 weeks × 40 h)', () => {
    expect(addWorkingHours(jkt('2025-01-06T08:00'), 2080, cal)).toEqual(jkt('2026-01-02T16:00'));
    // Labour Day and Christmas 2025 fall on Thursdays; Independence Day (17 August) on a Sunday.
    const holidays = jakarta(['2025-05-01', '2025-08-17', '2025-12-25']);
    expect(addWorkingHours(jkt('2025-01-06T08:00'), 2080, holidays)).toEqual(jkt('2026-01-06T16:00'));
  });

  it('ends at closing time, not the next opening, when whole weeks fit exactly', () => {
    // Friday 8 h, then two full weeks of 40 h.
    expect(addWorkingHours(jkt('2025-03-07T08:00'), 88, cal)).toEqual(jkt('2025-03-21T16:00'));
  });

  it('handles a million hours quickly (25,000 weeks)', () => {
    const started = performance.now();
    expect(addWorkingHours(jkt('2025-01-06T08:00'), 1_000_000, cal)).toEqual(jkt('2504-02-22T16:00'));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('follows another week, day length and offset', () => {
    const saturdays: WorkCalendar = {
      utcOffsetMinutes: 480, // WITA
      workdays: [1, 2, 3, 4, 5, 6],
      workHours: { start: '07:30', end: '15:00' },
      holidays: new Set(),
    };
    expect(addWorkingHours(new Date('2025-03-07T14:00+08:00'), 2, saturdays)).toEqual(
      new Date('2025-03-08T08:30+08:00'),
    );
    // 6 working days of 7.5 h = one week.
    expect(addWorkingHours(new Date('2025-03-10T07:30+08:00'), 45, saturdays)).toEqual(
      new Date('2025-03-15T15:00+08:00'),
    );
  });

  it('counts to midnight when work hours end at 24:00', () => {
    const late = { ...jakarta(), workHours: { start: '20:00', end: '24:00' } };
    expect(addWorkingHours(jkt('2025-03-05T23:00'), 2, late)).toEqual(jkt('2025-03-06T21:00'));
  });

  it('rejects a calendar with no workdays instead of looping forever', () => {
    const never = { ...jakarta(), workdays: [] };
    expect(() => addWorkingHours(jkt('2025-03-05T10:00'), 1, never)).toThrow(/no workdays/);
  });

  it('rejects invalid work hours and weekdays', () => {
    const reversed = { ...jakarta(), workHours: { start: '16:00', end: '08:00' } };
    const empty = { ...jakarta(), workHours: { start: '08:00', end: '08:00' } };
    const badFormat = { ...jakarta(), workHours: { start: '8:00', end: '16:00' } };
    const badMinute = { ...jakarta(), workHours: { start: '08:60', end: '16:00' } };
    const badDay = { ...jakarta(), workdays: [0, 1] };
    for (const cal of [reversed, empty, badFormat, badMinute, badDay]) {
      expect(() => addWorkingHours(jkt('2025-03-05T10:00'), 1, cal)).toThrow(RangeError);
    }
  });
});

describe('workingHoursBetween', () => {
  const cal = jakarta();

  it('measures within a day and across a weekend', () => {
    expect(workingHoursBetween(jkt('2025-03-05T10:00'), jkt('2025-03-05T13:00'), cal)).toBe(3);
    expect(workingHoursBetween(jkt('2025-03-07T14:00'), jkt('2025-03-10T10:00'), cal)).toBe(4);
    expect(workingHoursBetween(jkt('2025-03-05T15:30'), jkt('2025-03-06T08:15'), cal)).toBe(0.75);
  });

  it('is 0 over a weekend, at night and when to is not after from', () => {
    expect(workingHoursBetween(jkt('2025-03-08T00:00'), jkt('2025-03-10T08:00'), cal)).toBe(0);
    expect(workingHoursBetween(jkt('2025-03-05T20:00'), jkt('2025-03-06T07:00'), cal)).toBe(0);
    expect(workingHoursBetween(jkt('2025-03-05T13:00'), jkt('2025-03-05T10:00'), cal)).toBe(0);
    expect(workingHoursBetween(jkt('2025-03-05T13:00'), jkt('2025-03-05T13:00'), cal)).toBe(0);
  });

  it('counts a whole day between two nights', () => {
    expect(workingHoursBetween(jkt('2025-03-05T20:00'), jkt('2025-03-07T07:00'), cal)).toBe(8);
  });

  it('skips holidays across the year boundary', () => {
    const yearEnd = jakarta(YEAR_END);
    expect(workingHoursBetween(jkt('2024-12-31T15:00'), jkt('2025-01-02T10:00'), yearEnd)).toBe(3);
    expect(workingHoursBetween(jkt('2024-12-20T00:00'), jkt('2025-01-04T00:00'), yearEnd)).toBe(8 * 8);
  });

  it('counts a whole year, with and without weekday holidays', () => {
    const from = jkt('2025-01-06T08:00');
    const to = jkt('2026-01-02T16:00');
    expect(workingHoursBetween(from, to, cal)).toBe(2080);
    expect(workingHoursBetween(from, to, jakarta(['2025-05-01', '2025-08-17', '2025-12-25']))).toBe(2064);
  });

  it('ignores malformed holiday entries, which can never match a day', () => {
    const odd = jakarta(['2025-5-1', 'not a date', '2025-02-30']);
    expect(workingHoursBetween(jkt('2025-01-06T08:00'), jkt('2026-01-02T16:00'), odd)).toBe(2080);
  });
});

describe('addDuration and elapsedHours', () => {
  const cal = jakarta();
  const fridayAfternoon = jkt('2025-03-07T14:00');

  it('adds wall-clock hours on the calendar clock and working hours on the working clock', () => {
    expect(addDuration(fridayAfternoon, { hours: 4, clock: 'calendar' }, cal)).toEqual(
      jkt('2025-03-07T18:00'),
    );
    expect(addDuration(fridayAfternoon, { hours: 4, clock: 'working' }, cal)).toEqual(
      jkt('2025-03-10T10:00'),
    );
    expect(addDuration(fridayAfternoon, { hours: 0, clock: 'calendar' }, cal)).toEqual(fridayAfternoon);
  });

  it('rejects negative calendar durations too', () => {
    expect(() => addDuration(fridayAfternoon, { hours: -2, clock: 'calendar' }, cal)).toThrow(RangeError);
  });

  it('measures elapsed time on either clock', () => {
    const monday = jkt('2025-03-10T10:00');
    expect(elapsedHours(fridayAfternoon, monday, 'calendar', cal)).toBe(68);
    expect(elapsedHours(fridayAfternoon, monday, 'working', cal)).toBe(4);
    expect(elapsedHours(fridayAfternoon, jkt('2025-03-07T16:30'), 'calendar', cal)).toBe(2.5);
    expect(elapsedHours(monday, fridayAfternoon, 'calendar', cal)).toBe(0);
    expect(elapsedHours(monday, fridayAfternoon, 'working', cal)).toBe(0);
  });
});

describe('properties over many starts and durations', () => {
  const cal = jakarta([...YEAR_END, ...LEBARAN_2025, '2025-05-01', '2025-12-25']);
  const MINUTE = 60_000;

  /** Deterministic pseudo-random numbers (LCG) so failures are reproducible. */
  function* numbers(seed: number): Generator<number> {
    let state = seed;
    for (;;) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      yield state / 2 ** 31;
    }
  }

  /** Independent reference: whether the minute starting at `t` lies inside work hours of a working day. */
  function isWorkingMinute(t: number): boolean {
    const local = new Date(t + 420 * MINUTE);
    const weekday = local.getUTCDay(); // 0 = Sunday
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    const working = weekday >= 1 && weekday <= 5 && !cal.holidays.has(local.toISOString().slice(0, 10));
    return working && minuteOfDay >= 8 * 60 && minuteOfDay < 16 * 60;
  }

  function workingMinutesByWalking(from: Date, to: Date): number {
    let count = 0;
    for (let t = from.getTime(); t < to.getTime(); t += MINUTE) if (isWorkingMinute(t)) count++;
    return count;
  }

  const random = numbers(20250305);
  const next = (): number => random.next().value as number;
  const base = jkt('2024-12-01T00:00').getTime();
  /** A minute-aligned instant somewhere in December 2024 – June 2025 (two holiday seasons). */
  const someMinute = (): number => base + Math.floor(next() * 200 * 24 * 60) * MINUTE;

  it('addWorkingHours agrees with a minute-by-minute walk', () => {
    for (let k = 0; k < 60; k++) {
      const start = new Date(someMinute());
      const hours = Math.floor(next() * 120 * 4 + 1) / 4;
      const end = addWorkingHours(start, hours, cal);
      const label = `${start.toISOString()} + ${hours} h`;
      expect(workingMinutesByWalking(start, end), label).toBe(hours * 60);
      // The deadline is the first instant with that much work done: its last minute was a working one.
      expect(isWorkingMinute(end.getTime() - MINUTE), label).toBe(true);
    }
  });

  it('workingHoursBetween agrees with a minute-by-minute walk', () => {
    for (let k = 0; k < 40; k++) {
      const from = new Date(someMinute());
      const to = new Date(from.getTime() + Math.floor(next() * 40 * 24 * 60) * MINUTE);
      const label = `${from.toISOString()} → ${to.toISOString()}`;
      expect(workingHoursBetween(from, to, cal) * 60, label).toBeCloseTo(
        workingMinutesByWalking(from, to),
        9,
      );
    }
  });

  it('workingHoursBetween(s, addWorkingHours(s, h)) equals h, also for long and fractional durations', () => {
    for (let k = 0; k < 400; k++) {
      const start = new Date(base + Math.floor(next() * 2 * 365 * 24 * 3600) * 1000);
      const hours = k % 2 === 0 ? next() * 5000 : next() * 10;
      const end = addWorkingHours(start, hours, cal);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(workingHoursBetween(start, end, cal)).toBeCloseTo(hours, 6);
    }
  });
});
