import { isKnownWord, isListedWord } from './lexicon.js';
import { stem } from './stem.js';

const MIN_LENGTH = 5;
const MIN_ROOT = 4;

/**
 * Jakarta colloquial affixes on a word the lexicon does not know: the "-in" suffix ("bersihin" →
 * "bersih", "diangkutin" → "diangkut") and the nasal prefixes "nge-" ("ngelapor" → "lapor"), "ny-"
 * ("nyapu" → "sapu"), "ng-" ("ngangkut" → "angkut", "ngirim" → "kirim") and "n-" ("nutup" → "tutup").
 * A candidate is taken only when it is a listed word or reduces to a root of 4+ letters; otherwise the word
 * is returned unchanged.
 */
export function standardiseInformal(word: string): string {
  if (word.length < MIN_LENGTH || isKnownWord(word)) return word;
  for (const candidate of candidates(word)) {
    if (candidate.length >= MIN_ROOT && isPlausible(candidate)) return candidate;
  }
  return word;
}

// A candidate the stemmer merely reduces could be gibberish: "ngetem" → "ketem" = ke- + "tem".
function isPlausible(candidate: string): boolean {
  if (isListedWord(candidate)) return true;
  const root = stem(candidate);
  return root !== candidate && root.length >= MIN_ROOT;
}

function* candidates(word: string): Generator<string> {
  if (word.endsWith('in')) {
    const base = word.slice(0, -2);
    yield base;
    yield* withoutNasalPrefix(base);
  }
  yield* withoutNasalPrefix(word);
}

function* withoutNasalPrefix(word: string): Generator<string> {
  if (word.startsWith('nge')) yield word.slice(3);
  if (/^ny[aeiou]/.test(word)) yield `s${word.slice(2)}`;
  if (/^ng[aeiou]/.test(word)) {
    yield word.slice(2);
    yield `k${word.slice(2)}`;
  }
  if (/^n[aeiou]/.test(word)) yield `t${word.slice(1)}`;
}
