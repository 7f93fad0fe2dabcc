import { BoundedCache } from './bounded-cache.js';
import { isKnownWord, isListedWord } from './lexicon.js';

const DOUBLE = /([a-z])\1/;
const RUNS = /([a-z])\1+/g;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
// Each run doubles the candidates; beyond this many runs only the first choices are tried.
const MAX_RUNS = 4;
// Asking the stemmer costs microseconds per new word, so only the most likely spellings go to it.
const MAX_STEMMER_CANDIDATES = 4;

const cache = new BoundedCache<string, string>(50_000);

interface Run {
  start: number;
  end: number;
  letter: string;
  /** Lengths to try, preferred first. */
  choices: readonly number[];
}

/**
 * Undoes letter stretching: "parahhhh" → "parah", "tolonggg" → "tolong", "maaaaf" → "maaf",
 * "sampahh" → "sampah", while "maaf", "saat", "tinggi" and "jalannya" stay. Runs of 3+ letters become one
 * or two letters and doubles may become single, whichever gives a listed word, else a word the stemmer
 * knows (a vowel prefers two letters, a consonant one); with neither, 3+ runs and a final double become one
 * letter and inner doubles stay ("pondok ranggon" keeps its gg).
 */
export function collapseRepeats(word: string): string {
  if (!DOUBLE.test(word)) return word;
  return cache.get(word) ?? cache.set(word, computeCollapse(word));
}

function computeCollapse(word: string): string {
  const runs: Run[] = [];
  for (const m of word.matchAll(RUNS)) {
    const letter = m[1] ?? '';
    const start = m.index;
    const length = m[0].length;
    const choices = length === 2 || VOWELS.has(letter) ? [2, 1] : [1, 2];
    runs.push({ start, end: start + length, letter, choices });
  }
  const stretched = runs.some((r) => r.end - r.start > 2);
  if (!stretched && isListedWord(word)) return word;

  const tried = runs.slice(0, MAX_RUNS);
  const candidates: string[] = [];
  for (let mask = 0; mask < 1 << tried.length; mask++) {
    candidates.push(build(word, runs, (i, run) => run.choices[i < tried.length && mask & (1 << i) ? 1 : 0]));
  }
  const listed = candidates.find(isListedWord);
  if (listed !== undefined) return listed;
  if (!stretched && isKnownWord(word)) return word;
  const known = candidates.slice(0, MAX_STEMMER_CANDIDATES).find(isKnownWord);
  if (known !== undefined) return known;
  return build(word, runs, (_, run) => (run.end - run.start > 2 || run.end === word.length ? 1 : 2));
}

function build(
  word: string,
  runs: readonly Run[],
  lengthOf: (index: number, run: Run) => number | undefined,
) {
  let out = '';
  let at = 0;
  runs.forEach((run, i) => {
    out += word.slice(at, run.start) + run.letter.repeat(lengthOf(i, run) ?? 1);
    at = run.end;
  });
  return out + word.slice(at);
}
