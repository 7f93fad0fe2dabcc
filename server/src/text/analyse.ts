import { BoundedCache } from './bounded-cache.js';
import { DOMAIN_TERMS } from './domain-terms.js';
import { chunksOf, normaliseChunk } from './normalise-text.js';
import { expandSlang, expandWord, phraseAt, startsPhrase } from './slang.js';
import { stem } from './stem.js';
import { isStopWord } from './stop-words.js';
import { normalise, tokenise } from './tokenise.js';

const MIN_TOKEN = 2;

/** A normalised token with everything analyse needs to know about it when it stands alone. */
interface TokenInfo {
  token: string;
  startsPhrase: boolean;
  /** Its final tokens unless it starts a phrase that matches. */
  finals: readonly string[];
}

// Map lookups dominate a warm pipeline, so each whitespace-separated piece of text is looked up once and
// brings all its tokens' results with it. Pieces with digits (numbers, URLs, phone numbers) are mostly
// unique: caching them would only churn the cache.
const chunks = new BoundedCache<string, readonly TokenInfo[]>(50_000);
const finals = new BoundedCache<string, string | null>(50_000);
const DIGIT = /[0-9]/;

const remember = (chunk: string, infos: readonly TokenInfo[]): readonly TokenInfo[] =>
  DIGIT.test(chunk) ? infos : chunks.set(chunk, infos);

/**
 * Complaint text → the tokens a classifier should see: normalised, slang expanded, stop words removed (as
 * written or as stemmed), stemmed; words shorter than two letters dropped. "Lampu PJU di jl.Sudirman
 * matiii 😡 tlg dibenerin!!" → ["pju", "jalan", "sudirman", "mati", "perbaik"].
 */
export function analyse(text: string): string[] {
  const tokens: string[] = [];
  const infos: TokenInfo[] = [];
  for (const chunk of chunksOf(text)) {
    if (chunk === '') continue;
    for (const info of chunks.get(chunk) ?? remember(chunk, describeChunk(chunk))) {
      tokens.push(info.token);
      infos.push(info);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (info === undefined) break;
    const phrase = info.startsPhrase ? phraseAt(tokens, i, 'text') : undefined;
    if (phrase) {
      for (const word of phrase.to) pushFinal(out, word);
      i += phrase.length - 1;
    } else {
      for (const final of info.finals) out.push(final);
    }
  }
  return out;
}

function describeChunk(chunk: string): TokenInfo[] {
  const infos: TokenInfo[] = [];
  for (const token of tokenise(normaliseChunk(chunk))) {
    const out: string[] = [];
    for (const word of expandWord(token, 'text')) pushFinal(out, word);
    infos.push({ token, startsPhrase: startsPhrase(token, 'text'), finals: out });
  }
  return infos;
}

function pushFinal(out: string[], word: string): void {
  const final = finals.get(word) ?? finals.set(word, finalToken(word));
  if (final !== null) out.push(final);
}

function finalToken(word: string): string | null {
  if (DOMAIN_TERMS.has(word)) return word;
  if (word.length < MIN_TOKEN || isStopWord(word)) return null;
  const root = stem(word);
  return root.length < MIN_TOKEN || isStopWord(root) ? null : root;
}

/**
 * Text for place matching (a gazetteer): normalised with numbers kept ("RT 005" → "rt 5"), address
 * abbreviations expanded ("jl" → "jalan", "gg" → "gang", "kel" → "kelurahan", "Tj. Priok" → "tanjung
 * priok"), but no stop words removed and nothing stemmed, so every place word survives. Tokens are joined
 * by single spaces.
 */
export function normaliseForMatching(text: string): string {
  return expandSlang(normalise(text, { keepNumbers: true }), 'place').join(' ');
}
