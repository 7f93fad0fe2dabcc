import { BoundedCache } from './bounded-cache.js';
import { standardiseInformal } from './informal.js';
import { isKnownWord } from './lexicon.js';
import { SLANG_TABLES, type SlangScope, type SlangTable } from './slang-table.js';

export interface PhraseMatch {
  /** How many tokens the phrase covers. */
  length: number;
  to: readonly string[];
}

const SUFFIX = /(nya|lah|kah|pun|ku|mu)$/;
const caches: Record<SlangScope, BoundedCache<string, readonly string[]>> = {
  text: new BoundedCache(50_000),
  place: new BoundedCache(50_000),
};

/**
 * Standard words for informal ones (slang-id.csv): phrases first, longest match ("trans jakarta" →
 * "transjakarta", "mati lampu" → "listrik padam"), then single words (expandWord). Tokens must come from
 * normalise().
 */
export function expandSlang(tokens: readonly string[], scope: SlangScope = 'text'): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const phrase = startsPhrase(tokens[i] ?? '', scope) ? phraseAt(tokens, i, scope) : undefined;
    if (phrase) {
      out.push(...phrase.to);
      i += phrase.length - 1;
    } else {
      out.push(...expandWord(tokens[i] ?? '', scope));
    }
  }
  return out;
}

/** Whether some phrase rule starts with this token (cheap pre-check for phraseAt). */
export const startsPhrase = (token: string, scope: SlangScope): boolean =>
  SLANG_TABLES[scope].phrases.has(token);

/** The longest phrase rule matching the tokens from index `at`, if any. */
export function phraseAt(tokens: readonly string[], at: number, scope: SlangScope): PhraseMatch | undefined {
  const rule = SLANG_TABLES[scope].phrases
    .get(tokens[at] ?? '')
    ?.find((p) => p.from.every((w, k) => tokens[at + k] === w));
  return rule && { length: rule.from.length, to: rule.to };
}

/**
 * One word in standard form: a slang rule ("yg" → "yang", "gak" → "tidak", "gaada" → "tidak ada"), also
 * before a suffix ("lobangnya" → "lubangnya"); for `text`, an unknown word also loses Jakarta colloquial
 * affixes ("bersihin" → "bersih"). Otherwise the word itself.
 */
export function expandWord(word: string, scope: SlangScope = 'text'): readonly string[] {
  const table = SLANG_TABLES[scope];
  const direct = table.words.get(word);
  if (direct) return direct;
  const cache = caches[scope];
  return cache.get(word) ?? cache.set(word, computeWord(word, scope, table));
}

function computeWord(word: string, scope: SlangScope, table: SlangTable): readonly string[] {
  if (isKnownWord(word)) return [word];
  const suffix = SUFFIX.exec(word)?.[0];
  if (suffix) {
    const base = table.words.get(word.slice(0, -suffix.length));
    if (base?.length === 1) return [base[0] + suffix];
  }
  if (scope === 'text') {
    const standard = standardiseInformal(word);
    if (standard !== word) return table.words.get(standard) ?? [standard];
  }
  return [word];
}
