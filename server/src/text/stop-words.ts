import { readFileSync } from 'node:fs';

/** Parses a word list: one word per line, `#` starts a comment, blank lines skipped. */
export function parseWordList(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const word = line.replace(/#.*/, '').trim();
    if (word !== '') words.add(word);
  }
  return words;
}

const STOP_WORDS: ReadonlySet<string> = parseWordList(
  readFileSync(new URL('./stopwords-id.txt', import.meta.url), 'utf8'),
);

/** Whether a lower-case word (slang already expanded) is an Indonesian stop word for complaints. */
export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

/** The tokens without stop words, as written (the full pipeline also checks each token's stem). */
export const removeStopWords = (tokens: readonly string[]): string[] => tokens.filter((t) => !isStopWord(t));

/** All stop words, for tests and for callers that build their own vocabularies. */
export const stopWords = (): ReadonlySet<string> => STOP_WORDS;
