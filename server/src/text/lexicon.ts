import { BoundedCache } from './bounded-cache.js';
import { DOMAIN_TERMS } from './domain-terms.js';
import { SLANG_RULES } from './slang-table.js';
import { isRootWord, stem } from './stem.js';
import { isStopWord } from './stop-words.js';

const SLANG_WORDS: ReadonlySet<string> = new Set(SLANG_RULES.flatMap((rule) => [...rule.from, ...rule.to]));

const cache = new BoundedCache<string, boolean>(50_000);

/**
 * Whether a lower-case word is listed as it stands: a root in the stemmer's dictionary, a stop word, a word
 * of slang-id.csv (either side) or a domain term. Inflected words ("jalannya") are not listed.
 */
export const isListedWord = (word: string): boolean =>
  isRootWord(word) || SLANG_WORDS.has(word) || DOMAIN_TERMS.has(word) || isStopWord(word);

/**
 * Whether a lower-case word is listed or the stemmer reduces it to a root ("jalannya", "menunggu"). Lenient:
 * Sastrawi also "reduces" some misspellings ("matii" → mati, as if mat + -i), so prefer isListedWord first
 * when choosing between spellings.
 */
export function isKnownWord(word: string): boolean {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  return cache.set(word, isListedWord(word) || stem(word) !== word);
}
