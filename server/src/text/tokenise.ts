import { BoundedCache } from './bounded-cache.js';
import { chunksOf, normaliseChunk, removePhoneNumbers, type NormaliseOptions } from './normalise-text.js';
import { reduceHyphenated, reduceTwoMark } from './reduplication.js';
import { collapseRepeats } from './repeats.js';

const LETTERS = /^[a-z]+$/;
const LETTERS_OR_DIGITS = /[a-z]+|[0-9]+/g;
const DIGIT = /[0-9]/;
const LEADING_ZEROS = /^0+(?=\d)/;
const LAUGHTER = /^(?:[wk]{4,}|a?(?:h[aeiou]){2,}h?|(?:[aeiou]h){2,}[aeiou]?)$/;

const tokenCaches = {
  words: new BoundedCache<string, string[]>(50_000),
  numbers: new BoundedCache<string, string[]>(50_000),
};
const chunkCaches = {
  words: new BoundedCache<string, string[]>(50_000),
  numbers: new BoundedCache<string, string[]>(50_000),
};

/**
 * Tokens of normalised text (see normaliseText): reduplication reduced, words and numbers glued together
 * split ("rt05" → "rt", "05"; "jl.sudirman" was split by normaliseText), digits-only tokens dropped (or kept
 * without leading zeros), stretched letters collapsed, laughter ("wkwk", "hahaha") dropped.
 */
export function tokenise(normalised: string, options: NormaliseOptions = {}): string[] {
  const keepNumbers = options.keepNumbers === true;
  const cache = keepNumbers ? tokenCaches.numbers : tokenCaches.words;
  const out: string[] = [];
  for (const raw of normalised.split(' ')) {
    if (raw === '') continue;
    const words = cache.get(raw) ?? remember(cache, raw, prepare(raw, keepNumbers));
    for (const w of words) out.push(w);
  }
  return out;
}

/**
 * Messy text → lower-case ASCII word tokens: normaliseText then tokenise, cached per whitespace-separated
 * piece of the text (most pieces repeat across messages, so their regex work is done once).
 */
export function normalise(text: string, options: NormaliseOptions = {}): string[] {
  const keepNumbers = options.keepNumbers === true;
  const cache = keepNumbers ? chunkCaches.numbers : chunkCaches.words;
  const out: string[] = [];
  for (const chunk of chunksOf(keepNumbers ? removePhoneNumbers(text) : text)) {
    if (chunk === '') continue;
    const words = cache.get(chunk) ?? remember(cache, chunk, tokenise(normaliseChunk(chunk), options));
    for (const w of words) out.push(w);
  }
  return out;
}

// Text with digits (numbers, URLs, phone numbers) is mostly unique: caching it would only churn the cache.
const remember = (cache: BoundedCache<string, string[]>, key: string, words: string[]): string[] =>
  DIGIT.test(key) ? words : cache.set(key, words);

function prepare(raw: string, keepNumbers: boolean): string[] {
  const out: string[] = [];
  if (!raw.includes('-')) {
    preparePart(raw, keepNumbers, out);
    return out;
  }
  const parts = raw.split('-').filter((p) => p !== '');
  if (parts.length > 1 && parts.every((p) => LETTERS.test(p))) {
    for (const w of reduceHyphenated(parts.map(collapseRepeats))) pushWord(w, out);
  } else {
    for (const part of parts) preparePart(part, keepNumbers, out);
  }
  return out;
}

function preparePart(part: string, keepNumbers: boolean, out: string[]): void {
  if (!DIGIT.test(part)) {
    pushWord(part, out);
    return;
  }
  const reduplicated = reduceTwoMark(part);
  if (reduplicated !== undefined) {
    pushWord(reduplicated, out);
    return;
  }
  for (const piece of part.match(LETTERS_OR_DIGITS) ?? []) {
    if (!DIGIT.test(piece)) pushWord(piece, out);
    else if (keepNumbers) out.push(piece.replace(LEADING_ZEROS, ''));
  }
}

function pushWord(word: string, out: string[]): void {
  const collapsed = collapseRepeats(word);
  if (!LAUGHTER.test(collapsed)) out.push(collapsed);
}
