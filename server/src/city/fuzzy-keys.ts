import { distance } from 'fastest-levenshtein';

export interface FuzzyHit {
  key: string;
  distance: number;
}

/**
 * Finds stored keys within a small edit distance of a query without comparing it with every key: two strings
 * within distance d become equal after at most d deletions from each, so every key is stored under all its
 * deletion variants and a query looks up its own (symmetric deletion, as in SymSpell). Candidates are then
 * checked with a real Levenshtein distance. `allowed(length)` is the largest distance accepted for a key of
 * that length; keys that allow 0 are not stored.
 */
export class FuzzyKeys {
  private readonly byVariant = new Map<string, string[]>();
  private readonly maxAllowed: number;
  private minLength = Infinity;

  constructor(
    keys: Iterable<string>,
    private readonly allowed: (length: number) => number,
  ) {
    let maxAllowed = 0;
    for (const key of new Set(keys)) {
      const d = Math.min(2, allowed(key.length));
      if (d <= 0) continue;
      maxAllowed = Math.max(maxAllowed, d);
      this.minLength = Math.min(this.minLength, key.length - d);
      for (const variant of deletions(key, d)) {
        const list = this.byVariant.get(variant);
        if (!list) this.byVariant.set(variant, [key]);
        else if (list[list.length - 1] !== key) list.push(key);
      }
    }
    this.maxAllowed = maxAllowed;
  }

  /** Whether some stored key other than the query itself is within its allowed distance of the query. */
  has(query: string): boolean {
    if (query.length < this.minLength) return false;
    for (const variant of deletions(query, this.depthFor(query.length))) {
      for (const key of this.byVariant.get(variant) ?? []) {
        if (key !== query && distance(query, key) <= this.allowed(key.length)) return true;
      }
    }
    return false;
  }

  /** Stored keys within their allowed distance of `query` (the query itself excluded), nearest first. */
  find(query: string): FuzzyHit[] {
    if (query.length < this.minLength) return [];
    const hits: FuzzyHit[] = [];
    const seen = new Set<string>();
    for (const variant of deletions(query, this.depthFor(query.length))) {
      for (const key of this.byVariant.get(variant) ?? []) {
        if (seen.has(key) || key === query) continue;
        seen.add(key);
        const d = distance(query, key);
        if (d <= this.allowed(key.length)) hits.push({ key, distance: d });
      }
    }
    return hits.sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : 1));
  }

  /** Deletions needed on the query side: a key longer than the query spends part of its allowance on insertions. */
  private depthFor(length: number): number {
    let depth = 0;
    for (let n = length - this.maxAllowed; n <= length + this.maxAllowed; n++) {
      depth = Math.max(depth, this.allowed(n) - Math.max(0, n - length));
    }
    return Math.min(depth, 2);
  }
}

/**
 * The word and the strings made from it by deleting up to `depth` (at most 2) characters. Repeated letters
 * give some strings twice; callers tolerate that rather than pay for a set.
 */
function deletions(word: string, depth: number): string[] {
  const out = [word];
  const n = word.length;
  if (depth >= 1) for (let i = 0; i < n; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  if (depth >= 2) {
    for (let i = 0; i < n; i++) {
      const head = word.slice(0, i);
      for (let j = i + 1; j < n; j++) out.push(head + word.slice(i + 1, j) + word.slice(j + 1));
    }
  }
  return out;
}
