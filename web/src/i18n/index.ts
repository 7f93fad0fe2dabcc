import { createAppI18n } from './app-i18n';
import { en } from './en';
import { id } from './id';

export type { Language } from './app-i18n';

/** The citizen app's strings; both bundles are small and ship with the app. */
export const { i18n, currentLanguage, pick, statusName } = createAppI18n({ id, en }, 'sigap.language');
