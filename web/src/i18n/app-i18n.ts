import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'id' | 'en';
type Bilingual = { id: string; en: string };

/**
 * One app's i18next instance (the citizen app, the staff console and the monitoring room each have their own
 * strings): Indonesian unless this device chose English (kept under `storageKey`, the only thing kept), the
 * page's `lang` following the choice; with the helpers that read the server's bilingual texts.
 */
export function createAppI18n(bundles: { id: object; en: object }, storageKey: string) {
  const saved = (): Language => {
    try {
      return localStorage.getItem(storageKey) === 'en' ? 'en' : 'id';
    } catch {
      return 'id';
    }
  };
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    resources: { id: { translation: bundles.id }, en: { translation: bundles.en } },
    lng: saved(),
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(storageKey, lng);
    } catch {
      // private mode: the choice lasts for this visit
    }
  });
  const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'id');
  return {
    i18n,
    currentLanguage,
    /** The server's bilingual texts ({ id, en }) in the reader's language. */
    pick: (text: Bilingual): string => text[currentLanguage()],
    /** A count as the reader writes numbers: 12.345 in Indonesian, 12,345 in English. */
    count: (n: number): string => n.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'id-ID'),
    /**
     * A status by its official Indonesian name (what offices, JAKI and the news call it), with the English in
     * brackets for an English reader: "Proses (In progress)".
     */
    statusName: (label: Bilingual): string =>
      currentLanguage() === 'en' && label.en !== label.id ? `${label.id} (${label.en})` : label.id,
  };
}
