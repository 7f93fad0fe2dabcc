/**
 * Working-time arithmetic for a city calendar.
 *
 * Instants are `Date`s (UTC); the calendar is read in city-local time, a fixed UTC offset (Jakarta has no
 * daylight saving). Internally a local day is an integer "day number" (days since 1970-01-01 local) and
 * times are whole milliseconds, so results never drift through floating-point hours.
 */

export interface WorkCalendar {
  /** Offset of city time from UTC in minutes; Jakarta (Asia/Jakarta, no DST) is 420. */
  utcOffsetMinutes: number;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. Jakarta: [1, 2, 3, 4, 5]. */
  workdays: number[];
  /** Local opening and closing time, 'HH:MM' ('24:00' allowed as an end); start must be before end. */
  workHours: { start: string; end: string };
  /** Local dates 'YYYY-MM-DD' that are not working days (national holidays and cuti bersama). */
  holidays: ReadonlySet<string>;
}

export type Clock = 'working' | 'calendar';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Below this many days a plain day-by-day walk is cheaper than counting with the holiday index. */
const SHORT_SPAN_DAYS = 14;

/** The calendar turned into numbers once per call, after validation. */
interface CompiledCalendar {
  offsetMs: number;
  openMs: number;
  closeMs: number;
  dailyMs: number;
  /** Indexed by ISO weekday 1..7 (index 0 unused). */
  isWorkday: readonly boolean[];
  workdaysPerWeek: number;
  holidays: ReadonlySet<string>;
  /** The same holidays as day numbers, so the per-day check needs no date formatting. */
  holidayDaySet: ReadonlySet<number>;
  /** Sorted day numbers of holidays that fall on workdays; built only when a long span needs it. */
  holidayDays?: number[];
}

/** The city-local calendar date of an instant, 'YYYY-MM-DD'. */
export function localDateString(at: Date, cal: Pick<WorkCalendar, 'utcOffsetMinutes'>): string {
  const time = at.getTime();
  if (Number.isNaN(time)) throw new RangeError('localDateString: invalid Date');
  return dayString(Math.floor((time + offsetMs(cal.utcOffsetMinutes)) / DAY_MS));
}

/** Whether a local date 'YYYY-MM-DD' is a workday of the week and not a holiday. */
export function isWorkingDay(localDate: string, cal: WorkCalendar): boolean {
  const day = parseLocalDate(localDate);
  if (day === null) throw new RangeError(`isWorkingDay: not a valid 'YYYY-MM-DD' date: ${localDate}`);
  return isWorkingDayNumber(day, compile(cal));
}

/**
 * The instant when `hours` of working time have passed after `start`. Only time inside the work hours of
 * working days counts; a start outside work hours begins counting at the next opening. Work that ends
 * exactly at closing time returns the closing time (not the next opening). `hours` of 0 returns `start`
 * unchanged, even outside work hours; negative or non-finite hours throw a RangeError.
 */
export function addWorkingHours(start: Date, hours: number, cal: WorkCalendar): Date {
  const startMs = instantMs(start, 'addWorkingHours');
  let remaining = durationMs(hours, 'addWorkingHours');
  if (remaining === 0) return new Date(startMs);
  const c = compile(cal);
  const local = startMs + c.offsetMs;
  let day = Math.floor(local / DAY_MS);
  let msInDay = local - day * DAY_MS;
  const weekMs = c.workdaysPerWeek * c.dailyMs;
  for (;;) {
    if (isWorkingDayNumber(day, c)) {
      const from = Math.max(msInDay, c.openMs);
      if (from < c.closeMs) {
        const available = c.closeMs - from;
        if (remaining <= available) return new Date(day * DAY_MS + from + remaining - c.offsetMs);
        remaining -= available;
      }
    }
    day += 1;
    msInDay = 0;
    if (remaining > weekMs) {
      // Jump whole weeks, always leaving some work so the final day is found by the walk above.
      const weeks = Math.floor((remaining - 1) / weekMs);
      const end = day + 7 * weeks;
      remaining -= (weeks * c.workdaysPerWeek - holidaysOnWorkdaysIn(day, end, c)) * c.dailyMs;
      day = end;
    }
  }
}

/** Working hours (fractional) between two instants; 0 when `to` is not after `from`. */
export function workingHoursBetween(from: Date, to: Date, cal: WorkCalendar): number {
  const fromMs = instantMs(from, 'workingHoursBetween');
  const toMs = instantMs(to, 'workingHoursBetween');
  if (toMs <= fromMs) return 0;
  const c = compile(cal);
  const fromLocal = fromMs + c.offsetMs;
  const toLocal = toMs + c.offsetMs;
  const firstDay = Math.floor(fromLocal / DAY_MS);
  const lastDay = Math.floor(toLocal / DAY_MS);
  const fromInDay = fromLocal - firstDay * DAY_MS;
  const toInDay = toLocal - lastDay * DAY_MS;
  if (firstDay === lastDay) return workedWithin(firstDay, fromInDay, toInDay, c) / HOUR_MS;
  const total =
    workedWithin(firstDay, fromInDay, DAY_MS, c) +
    countWorkingDays(firstDay + 1, lastDay, c) * c.dailyMs +
    workedWithin(lastDay, 0, toInDay, c);
  return total / HOUR_MS;
}

/** `start` plus a duration counted on the given clock ('calendar' = plain wall-clock hours). */
export function addDuration(start: Date, d: { hours: number; clock: Clock }, cal: WorkCalendar): Date {
  if (d.clock === 'working') return addWorkingHours(start, d.hours, cal);
  return new Date(instantMs(start, 'addDuration') + durationMs(d.hours, 'addDuration'));
}

/** Hours from `from` to `to` on the given clock; 0 when `to` is not after `from`. */
export function elapsedHours(from: Date, to: Date, clock: Clock, cal: WorkCalendar): number {
  if (clock === 'working') return workingHoursBetween(from, to, cal);
  const ms = instantMs(to, 'elapsedHours') - instantMs(from, 'elapsedHours');
  return ms > 0 ? ms / HOUR_MS : 0;
}

const compiled = new WeakMap<WorkCalendar, CompiledCalendar>();

/** Calendars are treated as immutable values, so each is compiled once. */
function compile(cal: WorkCalendar): CompiledCalendar {
  let c = compiled.get(cal);
  if (!c) {
    c = compileCalendar(cal);
    compiled.set(cal, c);
  }
  return c;
}

function compileCalendar(cal: WorkCalendar): CompiledCalendar {
  const isWorkday = new Array<boolean>(8).fill(false);
  for (const weekday of cal.workdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      throw new RangeError(`Work calendar: workdays must be ISO weekdays 1..7, got ${weekday}`);
    }
    isWorkday[weekday] = true;
  }
  const workdaysPerWeek = isWorkday.filter(Boolean).length;
  if (workdaysPerWeek === 0) {
    throw new Error('Work calendar has no workdays: working time can never pass');
  }
  const openMs = parseClockTime(cal.workHours.start, 'start');
  const closeMs = parseClockTime(cal.workHours.end, 'end');
  if (openMs >= closeMs) {
    throw new RangeError(
      `Work calendar: work hours must start before they end (${cal.workHours.start}–${cal.workHours.end})`,
    );
  }
  return {
    offsetMs: offsetMs(cal.utcOffsetMinutes),
    openMs,
    closeMs,
    dailyMs: closeMs - openMs,
    isWorkday,
    workdaysPerWeek,
    holidays: cal.holidays,
    holidayDaySet: new Set([...cal.holidays].map(parseLocalDate).filter((d): d is number => d !== null)),
  };
}

function offsetMs(utcOffsetMinutes: number): number {
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 18 * 60) {
    throw new RangeError(`Work calendar: utcOffsetMinutes must be a whole number of minutes within ±18 h`);
  }
  return utcOffsetMinutes * MINUTE_MS;
}

function parseClockTime(value: string, which: 'start' | 'end'): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const valid = match !== null && minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0));
  if (!valid) throw new RangeError(`Work calendar: work hours ${which} must be 'HH:MM', got '${value}'`);
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

function instantMs(at: Date, fn: string): number {
  const time = at.getTime();
  if (Number.isNaN(time)) throw new RangeError(`${fn}: invalid Date`);
  return time;
}

function durationMs(hours: number, fn: string): number {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`${fn}: hours must be a finite number >= 0, got ${hours}`);
  }
  return Math.round(hours * HOUR_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a strict 'YYYY-MM-DD' date, or null when it is malformed or does not exist. */
function parseLocalDate(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls over (Feb 30 → Mar 2); a round trip rejects such dates. Years 0–99 also fail here.
  return dayString(ms / DAY_MS) === value ? ms / DAY_MS : null;
}

function isWorkingDayNumber(day: number, c: CompiledCalendar): boolean {
  return c.isWorkday[isoWeekday(day)] === true && !c.holidayDaySet.has(day);
}

/** Working milliseconds of one day inside the local window [fromInDay, toInDay). */
function workedWithin(day: number, fromInDay: number, toInDay: number, c: CompiledCalendar): number {
  if (!isWorkingDayNumber(day, c)) return 0;
  return Math.max(0, Math.min(toInDay, c.closeMs) - Math.max(fromInDay, c.openMs));
}

/** Number of working days among day numbers [from, to). */
function countWorkingDays(from: number, to: number, c: CompiledCalendar): number {
  if (to - from <= SHORT_SPAN_DAYS) {
    let count = 0;
    for (let day = from; day < to; day++) if (isWorkingDayNumber(day, c)) count++;
    return count;
  }
  const weeks = Math.floor((to - from) / 7);
  let workdays = weeks * c.workdaysPerWeek;
  for (let day = from + 7 * weeks; day < to; day++) if (c.isWorkday[isoWeekday(day)] === true) workdays++;
  return workdays - holidaysOnWorkdaysIn(from, to, c);
}

/** Number of holidays falling on workdays among day numbers [from, to). */
function holidaysOnWorkdaysIn(from: number, to: number, c: CompiledCalendar): number {
  const days = (c.holidayDays ??= indexHolidays(c));
  return lowerBound(days, to) - lowerBound(days, from);
}

/** Holiday entries that are not valid dates can never match a day, so they are skipped here too. */
function indexHolidays(c: CompiledCalendar): number[] {
  const days: number[] = [];
  for (const holiday of c.holidays) {
    const day = parseLocalDate(holiday);
    if (day !== null && c.isWorkday[isoWeekday(day)] === true) days.push(day);
  }
  return days.sort((a, b) => a - b);
}

/** Index of the first element >= value in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
