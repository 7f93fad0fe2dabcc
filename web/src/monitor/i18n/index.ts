import { createAppI18n } from '../../i18n/app-i18n';
import { en } from './en';
import { id } from './id';

/** The monitoring room's own strings; the language choice is the device's, shared with the citizen app. */
export const { i18n, currentLanguage, pick, count } = createAppI18n({ id, en }, 'sigap.language');
