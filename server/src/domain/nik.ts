/**
 * Structural validation of the Indonesian NIK: 16 digits `PP KK CC DDMMYY SSSS` (province, kabupaten/kota
 * and kecamatan of first registration, birth date with day + 40 for women, serial from 0001). There is no
 * check digit, so a NIK that passes may still not exist; only Dukcapil can say that.
 */
import type { Text } from './text.js';

/**
 * The 38 province codes in use, from the Kemendagri area codes (Kepmendagri 100.1.1-6117/2022 and later
 * updates, as packaged in `idn-area-data`): 11–19 Sumatra, 21 Kepulauan Riau, 31–36 Java, 51–53 Bali and
 * Nusa Tenggara, 61–65 Kalimantan, 71–76 Sulawesi, 81–82 Maluku, 91–96 Papua.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19'],
  '21',
  ...['31', '32', '33', '34', '35', '36'],
  ...['51', '52', '53'],
  ...['61', '62', '63', '64', '65'],
  ...['71', '72', '73', '74', '75', '76'],
  ...['81', '82'],
  ...['91', '92', '93', '94', '95', '96'],
]);

export type NikResult =
  | {
      ok: true;
      provinceCode: string;
      /** 'PP.KK' */
      regencyCode: string;
      /** 'PP.KK.CC' */
      districtCode: string;
      sex: 'L' | 'P';
      birthDay: number;
      birthMonth: number;
      /** Full years the two-digit YY can mean (19YY, 20YY) that give a real, non-future date. */
      birthYearCandidates: number[];
      serial: string;
    }
  | { ok: false; reason: Text };

const REASONS = {
  format: { id: 'NIK harus 16 digit angka', en: 'NIK must be 16 digits' },
  province: { id: 'Kode provinsi pada NIK tidak dikenal', en: 'The province code in the NIK is unknown' },
  regency: {
    id: 'Kode kabupaten/kota pada NIK tidak dikenal',
    en: 'The regency/city code in the NIK is unknown',
  },
  district: { id: 'Kode kecamatan pada NIK tidak valid', en: 'The district code in the NIK is invalid' },
  birthDate: { id: 'Tanggal lahir pada NIK tidak valid', en: 'The birth date in the NIK is invalid' },
  futureBirthDate: {
    id: 'Tanggal lahir pada NIK belum terjadi',
    en: 'The birth date in the NIK is in the future',
  },
  serial: { id: 'Nomor urut pada NIK tidak boleh 0000', en: 'The serial number in the NIK must not be 0000' },
} as const satisfies Record<string, Text>;

/** Women's birth day is written with 40 added. */
const FEMALE_DAY_OFFSET = 40;
/** Indonesia's easternmost time (WIT, UTC+9): a date that has begun there is not in the future anywhere. */
const LATEST_INDONESIAN_OFFSET_MS = 9 * 3_600_000;

/**
 * Whitespace is removed first (people type NIKs in groups); any other non-digit makes the NIK invalid.
 * Without `today` the future-date check is skipped, so both century candidates may remain.
 */
export function validateNik(
  input: string,
  opts: {
    knownProvinceCodes?: ReadonlySet<string>;
    knownRegencyCodes?: ReadonlySet<string>;
    today?: Date;
  } = {},
): NikResult {
  const nik = input.replace(/\s+/g, '');
  const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{4})$/.exec(nik);
  if (match === null) return fail('format');
  const [, pp = '', kk = '', cc = '', dd = '', mm = '', yy = '', serial = ''] = match;

  if (!(opts.knownProvinceCodes ?? PROVINCE_CODES).has(pp)) return fail('province');
  const regencyCode = `${pp}.${kk}`;
  const regencyKnown = opts.knownRegencyCodes ? opts.knownRegencyCodes.has(regencyCode) : kk !== '00';
  if (!regencyKnown) return fail('regency');
  if (cc === '00') return fail('district');

  const writtenDay = Number(dd);
  const sex = writtenDay > FEMALE_DAY_OFFSET ? 'P' : 'L';
  const birthDay = sex === 'P' ? writtenDay - FEMALE_DAY_OFFSET : writtenDay;
  const birthMonth = Number(mm);
  const realYears = [1900, 2000]
    .map((century) => century + Number(yy))
    .filter((year) => isRealDate(year, birthMonth, birthDay));
  if (realYears.length === 0) return fail('birthDate');
  const today = opts.today;
  const birthYearCandidates = today
    ? realYears.filter((year) => !isAfterToday(year, birthMonth, birthDay, today))
    : realYears;
  if (birthYearCandidates.length === 0) return fail('futureBirthDate');

  if (serial === '0000') return fail('serial');
  return {
    ok: true,
    provinceCode: pp,
    regencyCode,
    districtCode: `${regencyCode}.${cc}`,
    sex,
    birthDay,
    birthMonth,
    birthYearCandidates,
    serial,
  };
}

function fail(reason: keyof typeof REASONS): NikResult {
  return { ok: false, reason: { ...REASONS[reason] } };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isAfterToday(year: number, month: number, day: number, today: Date): boolean {
  const latestToday = new Date(today.getTime() + LATEST_INDONESIAN_OFFSET_MS);
  const todayDay = Date.UTC(
    latestToday.getUTCFullYear(),
    latestToday.getUTCMonth(),
    latestToday.getUTCDate(),
  );
  return Date.UTC(year, month - 1, day) > todayDay;
}
