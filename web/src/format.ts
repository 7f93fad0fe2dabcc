import { currentLanguage } from './i18n';

/** Every time is shown in the city's time zone, whatever the phone's own setting. */
export const CITY_TIME_ZONE = 'Asia/Jakarta';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string): string {
  const lang = currentLanguage();
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: CITY_TIME_ZONE,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(lang, f);
  }
  return `${f.format(new Date(iso))} WIB`;
}
