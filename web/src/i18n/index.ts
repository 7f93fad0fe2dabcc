import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

export type Language = 'id' | 'en';
const STORAGE_KEY = 'sigap.language';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** Indonesian unless this device chose English; both bundles are small and ship with the app. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this visit
  }
});

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'id');

/**
 * A status by its official Indonesian name (what offices, JAKI and the news call it), with the English in
 * brackets for an English reader: "Proses (In progress)".
 */
export const statusName = (label: { id: string; en: string }): string =>
  currentLanguage() === 'en' && label.en !== label.id ? `${label.id} (${label.en})` : label.id;

/** The server's bilingual texts ({ id, en }) in the reader's language. */
export const pick = (text: { id: string; en: string }): string => text[currentLanguage()];
