import type { Language } from './i18n/app-i18n';

/** Every time is shown in the city's time zone, whatever the device's own setting. */
export const CITY_TIME_ZONE = 'Asia/Jakarta';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the reader's language writes it, in the city's zone, with "WIB": `month` 'long' for citizens
 * ("23 November 2026 pukul 09.00 WIB"), 'short' where space is tight (the staff console).
 */
export function cityDateTime(iso: string, lang: Language, month: 'long' | 'short'): string {
  const key = `${lang}:${month}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: CITY_TIME_ZONE,
      day: 'numeric',
      month,
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(key, f);
  }
  return `${f.format(new Date(iso))} WIB`;
}

/** A day as the reader's language writes it briefly, in the city's zone: "24 Nov" (a chart's axis). */
export function cityDayMonth(epochSeconds: number, lang: Language): string {
  const key = `${lang}:day-month`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: CITY_TIME_ZONE,
      day: 'numeric',
      month: 'short',
    });
    formatters.set(key, f);
  }
  return f.format(new Date(epochSeconds * 1000));
}

/** A calendar day of the city ('2026-12-07') as the reader's language writes it: "7 Desember 2026". */
export function cityDay(day: string, lang: Language): string {
  const key = `${lang}:day`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: CITY_TIME_ZONE,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    formatters.set(key, f);
  }
  // noon UTC falls on the same calendar day in every zone within ±11 h, the city's included
  return f.format(new Date(`${day}T12:00:00Z`));
}

/** Today's date in the city, YYYY-MM-DD (a date input's value and upper bound). */
export function cityToday(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE }).format(now);
}
