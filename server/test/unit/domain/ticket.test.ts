import { describe, expect, it } from 'vitest';

import { formatTicket, looksLikeTicket, parseTicket } from '../../../src/domain/ticket.js';

describe('formatTicket', () => {
  it('writes the two real Jakarta examples', () => {
    expect(formatTicket('JK', '2025-03-05', 7)).toBe('JK2503050007');
    expect(formatTicket('JK', '2025-03-02', 20)).toBe('JK2503020020');
  });

  it('pads the serial to four digits and widens it past 9999', () => {
    expect(formatTicket('JK', '2025-03-05', 1)).toBe('JK2503050001');
    expect(formatTicket('JK', '2025-03-05', 9999)).toBe('JK2503059999');
    expect(formatTicket('JK', '2025-03-05', 10000)).toBe('JK25030510000');
  });

  it('accepts prefixes of 1 to 6 uppercase letters and leap days', () => {
    expect(formatTicket('A', '2024-02-29', 3)).toBe('A2402290003');
    expect(formatTicket('ABCDEF', '2000-01-01', 12)).toBe('ABCDEF0001010012');
    expect(formatTicket('JK', '2099-12-31', 5)).toBe('JK9912310005');
  });

  it('rejects bad prefixes', () => {
    for (const prefix of ['', 'jk', 'Jk', 'ABCDEFG', 'J1', 'JK ']) {
      expect(() => formatTicket(prefix, '2025-03-05', 7), prefix).toThrow(RangeError);
    }
  });

  it('rejects bad serials', () => {
    for (const serial of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(() => formatTicket('JK', '2025-03-05', serial), String(serial)).toThrow(RangeError);
    }
  });

  it('rejects impossible or out-of-century dates', () => {
    for (const date of ['2025-02-30', '2023-02-29', '2025-13-01', '2025-3-5', '1999-12-31', '2100-01-01']) {
      expect(() => formatTicket('JK', date, 7), date).toThrow(RangeError);
    }
  });
});

describe('parseTicket', () => {
  it('reads date and serial', () => {
    expect(parseTicket('JK2503050007', 'JK')).toEqual({ localDate: '2025-03-05', serial: 7 });
    expect(parseTicket('JK2503020020', 'JK')).toEqual({ localDate: '2025-03-02', serial: 20 });
    expect(parseTicket('JK25030510000', 'JK')).toEqual({ localDate: '2025-03-05', serial: 10000 });
    expect(parseTicket('JK2402290001', 'JK')).toEqual({ localDate: '2024-02-29', serial: 1 });
  });

  it('returns null for anything malformed', () => {
    const bad = [
      'JK2502300001', // 30 February
      'JK2302290001', // 2023 is not a leap year
      'JK2513010001', // month 13
      'JK2503000001', // day 0
      'JK2503050000', // serial 0
      'JK250305007', // serial of 3 digits
      'JK25030500007', // needless leading zero: not the canonical spelling
      'jk2503050007',
      'JK2503050007 ',
      ' JK2503050007',
      'JK2503050007X',
      'JT2503050007',
      'JKT2503050007',
      'J2503050007',
      'JK',
      '',
      'JK25-03-050007',
    ];
    for (const ticket of bad) expect(parseTicket(ticket, 'JK'), ticket).toBeNull();
  });

  it('works with other prefixes', () => {
    expect(parseTicket('JKT2503050007', 'JKT')).toEqual({ localDate: '2025-03-05', serial: 7 });
    expect(parseTicket('JK2503050007', 'JKT')).toBeNull();
  });

  it('rejects a bad prefix argument as a programming error', () => {
    expect(() => parseTicket('JK2503050007', 'jk')).toThrow(RangeError);
  });

  it('round-trips with formatTicket', () => {
    for (const [date, serial] of [
      ['2025-03-05', 7],
      ['2000-01-01', 1],
      ['2099-12-31', 123456],
      ['2028-02-29', 9999],
    ] as const) {
      expect(parseTicket(formatTicket('JK', date, serial), 'JK')).toEqual({ localDate: date, serial });
    }
  });
});

describe('looksLikeTicket', () => {
  it('accepts the shape', () => {
    expect(looksLikeTicket('JK2503050007')).toBe(true);
    expect(looksLikeTicket('JK25030510000')).toBe(true);
    expect(looksLikeTicket('ABCDEF2503050007')).toBe(true);
    // Shape only: the date is not checked.
    expect(looksLikeTicket('JK2502300001')).toBe(true);
  });

  it('rejects other strings', () => {
    for (const s of [
      'ABCDEFG2503050007',
      'JK250305000',
      '2503050007',
      'jk2503050007',
      'JK2503050007\n',
      'JK 2503050007',
      '',
    ]) {
      expect(looksLikeTicket(s), JSON.stringify(s)).toBe(false);
    }
  });
});
