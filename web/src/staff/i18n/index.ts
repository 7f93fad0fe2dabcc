import { cityDateTime } from '../../city-time';
import { createAppI18n } from '../../i18n/app-i18n';
import { en } from './en';
import { id } from './id';

export type { Language } from '../../i18n/app-i18n';

/**
 * The console's own instance and bundles (the citizen app's stay in web/src/i18n). The language is the only thing
 * the console keeps in the browser: never a session, a report or an identity.
 */
export const { i18n, currentLanguage, pick, statusName } = createAppI18n({ id, en }, 'sigap.staff.language');

/** Times in the city's zone (Asia/Jakarta), whatever the computer's own setting; short month names. */
export const formatDateTime = (iso: string): string => cityDateTime(iso, currentLanguage(), 'short');
