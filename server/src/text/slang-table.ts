import { readFileSync } from 'node:fs';

/** Where a rule applies: `text` is the classifier pipeline (analyse), `place` is normaliseForMatching. */
export type SlangScope = 'text' | 'place';

export interface SlangRule {
  from: readonly string[];
  to: readonly string[];
  scope: SlangScope | 'both';
  line: number;
}

export interface SlangTable {
  /** One-word rules. */
  words: ReadonlyMap<string, readonly string[]>;
  /** Phrase rules by their first word, longest first. */
  phrases: ReadonlyMap<string, readonly { from: readonly string[]; to: readonly string[] }[]>;
}

const HEADER = 'from,to,scope';
const WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const SCOPES = new Set(['both', 'text', 'place']);

/** Parses slang-id.csv (format in its header comment); throws on a malformed or duplicate rule. */
export function parseSlangCsv(text: string): SlangRule[] {
  const rules: SlangRule[] = [];
  const seen = new Map<string, number>();
  let headerSeen = false;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    if (!headerSeen) {
      if (content !== HEADER) throw new Error(`slang line ${line}: expected header "${HEADER}"`);
      headerSeen = true;
      return;
    }
    const [from = '', to = '', scope = 'both', ...extra] = content.split(',').map((f) => f.trim());
    if (extra.length > 0 || !WORDS.test(from) || !WORDS.test(to) || !SCOPES.has(scope)) {
      throw new Error(`slang line ${line}: malformed rule "${content}"`);
    }
    for (const s of scope === 'both' ? ['text', 'place'] : [scope]) {
      const key = `${s}:${from}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new Error(`slang line ${line}: "${from}" already defined on line ${earlier}`);
      seen.set(key, line);
    }
    rules.push({ from: from.split(' '), to: to.split(' '), scope: scope as SlangRule['scope'], line });
  });
  if (!headerSeen) throw new Error('slang: empty file');
  return rules;
}

export function buildSlangTable(rules: readonly SlangRule[], scope: SlangScope): SlangTable {
  const words = new Map<string, readonly string[]>();
  const phrases = new Map<string, { from: readonly string[]; to: readonly string[] }[]>();
  for (const rule of rules) {
    if (rule.scope !== 'both' && rule.scope !== scope) continue;
    const [first = ''] = rule.from;
    if (rule.from.length === 1) {
      words.set(first, rule.to);
    } else {
      const list = phrases.get(first) ?? [];
      list.push({ from: rule.from, to: rule.to });
      phrases.set(first, list);
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.from.length - a.from.length);
  return { words, phrases };
}

/** The rules of slang-id.csv. */
export const SLANG_RULES: readonly SlangRule[] = parseSlangCsv(
  readFileSync(new URL('./slang-id.csv', import.meta.url), 'utf8'),
);

export const SLANG_TABLES: Readonly<Record<SlangScope, SlangTable>> = {
  text: buildSlangTable(SLANG_RULES, 'text'),
  place: buildSlangTable(SLANG_RULES, 'place'),
};
