import { currentLanguage, i18n } from './i18n';

// The dashboard's numbers in words for the reader's language. A figure the API leaves null (nothing to measure:
// no report completed, none answered) reads "belum ada" / "none yet", never NaN, 0% or a blank.

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'id-ID');

export const count = (n: number): string => n.toLocaleString(locale());

export const percent = (share: number | null): string =>
  share === null ? i18n.t('dashboard.none') : `${Math.round(share * 100).toLocaleString(locale())}%`;

const oneDecimal = (n: number) => n.toLocaleString(locale(), { maximumFractionDigits: 1 });

export function duration(seconds: number | null): string {
  if (seconds === null) return i18n.t('dashboard.none');
  if (seconds < 3600) return i18n.t('dashboard.minutes', { n: Math.max(1, Math.round(seconds / 60)) });
  if (seconds < 2 * 86_400) return i18n.t('dashboard.hours', { n: oneDecimal(seconds / 3600) });
  return i18n.t('dashboard.days', { n: oneDecimal(seconds / 86_400) });
}

/** This week against last week: "naik 2", "turun 5 poin", "lebih cepat", "sama"; "—" when either is missing. */
export function change(
  now: number | null,
  before: number | null,
  kind: 'count' | 'share' | 'duration',
): string {
  if (now === null || before === null) return '—';
  if (kind === 'duration') {
    const ratio = before > 0 ? now / before : 1;
    if (Math.abs(ratio - 1) < 0.1) return i18n.t('dashboard.same');
    return i18n.t(now < before ? 'dashboard.faster' : 'dashboard.slower');
  }
  const difference = kind === 'share' ? Math.round(now * 100) - Math.round(before * 100) : now - before;
  if (difference === 0) return i18n.t('dashboard.same');
  const n = Math.abs(difference).toLocaleString(locale());
  const key = difference > 0 ? 'dashboard.up' : 'dashboard.down';
  return kind === 'share' ? i18n.t(`${key}Points`, { n }) : i18n.t(key, { n });
}

/** Short weekday names, Monday first, in the reader's language. */
export function weekdayNames(): string[] {
  const format = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' });
  // 2026-11-30 was a Monday
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2026, 10, 30 + i))));
}

/** A city-local day 'YYYY-MM-DD' as "7 Des" / "7 Dec". */
export function shortDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
