import { createAppI18n } from '../../i18n/app-i18n';
import { en } from './en';
import { id } from './id';

export type { Language } from '../../i18n/app-i18n';

/**
 * The console's own instance and bundles (the citizen app's stay in web/src/i18n). The language is the only thing
 * the console keeps in the browser: never a session, a report or an identity.
 */
export const { i18n, currentLanguage, pick, statusName } = createAppI18n({ id, en }, 'sigap.staff.language');

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Times in the city's zone (Asia/Jakarta), whatever the computer's own setting. */
export function formatDateTime(iso: string): string {
  const lang = currentLanguage();
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      timeZone: 'Asia/Jakarta',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(lang, f);
  }
  return `${f.format(new Date(iso))} WIB`;
}
