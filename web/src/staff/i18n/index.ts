import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

export type Language = 'id' | 'en';
// the language is the only thing the console keeps in the browser: never a session, a report or an identity
const STORAGE_KEY = 'sigap.staff.language';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** The console's own instance and bundles (the citizen app's stay in web/src/i18n). Indonesian first. */
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

/** The server's bilingual texts ({ id, en }) in the reader's language. */
export const pick = (text: { id: string; en: string }): string => text[currentLanguage()];

/** A status by its official Indonesian name, the English in brackets for an English reader. */
export const statusName = (label: { id: string; en: string }): string =>
  currentLanguage() === 'en' && label.en !== label.id ? `${label.id} (${label.en})` : label.id;

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
