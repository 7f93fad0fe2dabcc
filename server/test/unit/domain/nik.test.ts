import { describe, expect, it } from 'vitest';

import { PROVINCE_CODES, validateNik } from '../../../src/domain/nik.js';
import type { NikResult } from '../../../src/domain/nik.js';

const today = new Date('2025-06-01T05:00:00Z');

/** The English reason of a failed result, or 'ok'. */
const reasonOf = (result: NikResult): string => (result.ok ? 'ok' : result.reason.en);

describe('validateNik: valid numbers', () => {
  it('splits a man’s NIK into its fields', () => {
    expect(validateNik('3171012301900001', { today })).toEqual({
      ok: true,
      provinceCode: '31',
      regencyCode: '31.71',
      districtCode: '31.71.01',
      sex: 'L',
      birthDay: 23,
      birthMonth: 1,
      birthYearCandidates: [1990],
      serial: '0001',
    });
  });

  it('reads a woman’s birth day by removing 40', () => {
    const result = validateNik('3174056305880123', { today });
    expect(result).toMatchObject({
      ok: true,
      sex: 'P',
      birthDay: 23,
      birthMonth: 5,
      birthYearCandidates: [1988],
    });
    expect(validateNik('3171014101900001', { today })).toMatchObject({ sex: 'P', birthDay: 1 });
    expect(validateNik('3171017101900001', { today })).toMatchObject({ sex: 'P', birthDay: 31 });
  });

  it('keeps both centuries without today, and only past ones with it', () => {
    expect(validateNik('3171012301100001')).toMatchObject({ birthYearCandidates: [1910, 2010] });
    expect(validateNik('3171012301100001', { today })).toMatchObject({ birthYearCandidates: [1910, 2010] });
    expect(validateNik('3171012301300001')).toMatchObject({ birthYearCandidates: [1930, 2030] });
    expect(validateNik('3171012301300001', { today })).toMatchObject({ birthYearCandidates: [1930] });
  });

  it('keeps only the century whose 29 February exists', () => {
    expect(validateNik('3171012902000001', { today })).toMatchObject({ birthYearCandidates: [2000] });
    expect(validateNik('3171016902000001', { today })).toMatchObject({
      sex: 'P',
      birthYearCandidates: [2000],
    });
    expect(validateNik('3171012902040001', { today })).toMatchObject({ birthYearCandidates: [1904, 2004] });
  });

  it('accepts a birth today, judged in the easternmost Indonesian time zone', () => {
    // 2025-05-31T16:00Z is already 1 June 01:00 in WIT (UTC+9), though still 31 May in Jakarta.
    const lateEvening = new Date('2025-05-31T16:00:00Z');
    expect(validateNik('3171010106250001', { today: lateEvening })).toMatchObject({
      birthYearCandidates: [1925, 2025],
    });
    // 2025-05-31T14:00Z is 23:00 WIT: 1 June 2025 has not begun anywhere in Indonesia.
    const earlier = new Date('2025-05-31T14:00:00Z');
    expect(validateNik('3171010106250001', { today: earlier })).toMatchObject({
      birthYearCandidates: [1925],
    });
  });

  it('strips whitespace people type between groups', () => {
    expect(validateNik(' 3171 0123 0190 0001 ', { today })).toMatchObject({ ok: true, serial: '0001' });
    expect(validateNik('317101\t230190\n0001', { today })).toMatchObject({ ok: true });
  });

  it('accepts every default province code', () => {
    expect(PROVINCE_CODES.size).toBe(38);
    for (const code of ['11', '21', '36', '53', '65', '76', '82', '96']) {
      expect(validateNik(`${code}71012301900001`, { today }).ok, code).toBe(true);
    }
  });

  it('checks the regency against known codes when given', () => {
    const knownRegencyCodes = new Set(['31.01', '31.71', '31.72', '31.73', '31.74', '31.75']);
    expect(validateNik('3175012301900001', { knownRegencyCodes, today }).ok).toBe(true);
    expect(reasonOf(validateNik('3176012301900001', { knownRegencyCodes, today }))).toMatch(/regency/);
  });
});

describe('validateNik: invalid numbers', () => {
  it('requires exactly 16 digits, in Indonesian and English', () => {
    const expected = { ok: false, reason: { id: 'NIK harus 16 digit angka', en: 'NIK must be 16 digits' } };
    for (const input of [
      '',
      '317101230190001',
      '31710123019000011',
      '31.71.01.230190.0001',
      '3171-0123-0190-0001',
      '317101230190000A',
      '３１７１０１２３０１９０００１', // full-width digits
    ]) {
      expect(validateNik(input, { today }), input).toEqual(expected);
    }
  });

  it('rejects unknown provinces', () => {
    for (const code of ['00', '10', '20', '37', '97', '99']) {
      expect(reasonOf(validateNik(`${code}71012301900001`, { today })), code).toMatch(/province/);
    }
    const onlyJakarta = new Set(['31']);
    expect(reasonOf(validateNik('3273012301900001', { knownProvinceCodes: onlyJakarta, today }))).toMatch(
      /province/,
    );
  });

  it('rejects regency 00 and district 00', () => {
    expect(validateNik('3100012301900001', { today })).toEqual({
      ok: false,
      reason: {
        id: 'Kode kabupaten/kota pada NIK tidak dikenal',
        en: 'The regency/city code in the NIK is unknown',
      },
    });
    expect(reasonOf(validateNik('3171002301900001', { today }))).toMatch(/district/);
  });

  it('rejects impossible birth dates', () => {
    for (const nik of [
      '3171010001900001', // day 0
      '3171013201900001', // day 32
      '3171014001900001', // day 40: neither a man's nor a woman's day
      '3171017201900001', // woman's day 32
      '3171013104900001', // 31 April
      '3171017104900001', // woman, 31 April
      '3171012300900001', // month 0
      '3171012313900001', // month 13
      '3171012902010001', // 29 February 1901 and 2001
    ]) {
      expect(validateNik(nik, { today }), nik).toEqual({
        ok: false,
        reason: { id: 'Tanggal lahir pada NIK tidak valid', en: 'The birth date in the NIK is invalid' },
      });
    }
  });

  it('rejects a birth date that is in the future for both centuries', () => {
    expect(reasonOf(validateNik('3171012301600001', { today: new Date('1950-01-01T00:00:00Z') }))).toBe(
      'The birth date in the NIK is in the future',
    );
  });

  it('rejects serial 0000', () => {
    expect(validateNik('3171012301900000', { today })).toEqual({
      ok: false,
      reason: {
        id: 'Nomor urut pada NIK tidak boleh 0000',
        en: 'The serial number in the NIK must not be 0000',
      },
    });
  });

  it('reports the first problem, reading left to right', () => {
    expect(reasonOf(validateNik('9900003213000000', { today }))).toMatch(/province/);
    expect(reasonOf(validateNik('3171013213000000', { today }))).toMatch(/birth date/);
  });

  it('returns a fresh reason object each time', () => {
    const first = validateNik('3171012301900000');
    const second = validateNik('3171012301900000');
    expect(first.ok || second.ok).toBe(false);
    if (!first.ok && !second.ok) expect(first.reason).not.toBe(second.reason);
  });
});
