import { analyse } from './analyse.js';

/** At most this many distinct words are kept: enough to compare complaints, short enough to store per report. */
const MAX_WORDS = 64;

/** The distinct analysed words of a text, space-separated: what "very similar text" is measured on. */
export function wordSignature(text: string): string {
  return [...new Set(analyse(text))].slice(0, MAX_WORDS).join(' ');
}
