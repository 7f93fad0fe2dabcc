import { cityDateTime } from './city-time';
import { currentLanguage } from './i18n';

export const formatDateTime = (iso: string): string => cityDateTime(iso, currentLanguage(), 'long');
