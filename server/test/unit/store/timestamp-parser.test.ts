import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../../../src/store/timestamp-parser.js';

// pg's own parser, the reference: the faster one must read every text to the same instant
const parseDate = createRequire(import.meta.url)('postgres-date') as (text: string) => Date | number | null;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A timestamptz as PostgreSQL writes it: fraction of 0–6 digits without trailing zeros, offset ±HH[:MM]. */
const pgText = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    micros: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999_999 })),
    offsetHours: fc.integer({ min: -15, max: 15 }),
    offsetMinutes: fc.constantFrom(0, 0, 30, 45),
  })
  .map((t) => {
    const fraction = t.micros ? `.${pad(t.micros, 6)}`.replace(/0+$/, '') : '';
    const sign = t.offsetHours < 0 ? '-' : '+';
    const offset = `${sign}${pad(Math.abs(t.offsetHours), 2)}${t.offsetMinutes ? `:${pad(t.offsetMinutes, 2)}` : ''}`;
    return (
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)} ` +
      `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${fraction}${offset}`
    );
  });

const instant = (value: Date | number | null) => (value instanceof Date ? value.getTime() : value);

describe('parseTimestamptz', () => {
  it('reads every timestamptz PostgreSQL writes to the instant pg’s own parser reads', () => {
    fc.assert(
      fc.property(pgText, (text) => {
        expect(instant(parseTimestamptz(text))).toBe(instant(parseDate(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it('cuts the fraction to milliseconds as pg’s parser does', () => {
    expect(parseTimestamptz('2026-12-07 03:51:28.999999+00')).toEqual(new Date('2026-12-07T03:51:28.999Z'));
    expect(parseTimestamptz('2026-12-07 10:51:28.5+07')).toEqual(new Date('2026-12-07T03:51:28.500Z'));
    expect(parseTimestamptz('2026-12-07 09:21:28+05:30')).toEqual(new Date('2026-12-07T03:51:28.000Z'));
  });

  it('leaves the rarer forms to pg’s parser', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '0099-01-01 00:00:00+00',
      '12345-01-01 00:00:00+00',
      '1890-01-01 00:00:00+07:07:12',
    ])
      expect(instant(parseTimestamptz(text))).toBe(instant(parseDate(text)));
  });
});
