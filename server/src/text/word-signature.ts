import { analyse } from './analyse.js';

/** At most this many distinct words are kept: enough to compare complaints, short enough to store per report. */
const MAX_WORDS = 64;

/** The distinct analysed words of a text, in order of first use: what "very similar text" is measured on. */
export function distinctWords(text: string): Set<string> {
  return new Set(analyse(text));
}

/** Distinct words as stored with a report (`report.words`): the first MAX_WORDS, space-separated. */
export function signatureOf(words: ReadonlySet<string>): string {
  return [...words].slice(0, MAX_WORDS).join(' ');
}

/** The stored word signature of a text. */
export function wordSignature(text: string): string {
  return signatureOf(distinctWords(text));
}
