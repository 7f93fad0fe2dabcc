const TWO_MARK = /^([a-z]*[aeiou][a-z]*)2(nya|ku|mu|an|kan|lah)?$/;
const MIN_TWO_MARK_BASE = 3;

/**
 * Reduplication written with "2": "anak2" → "anak", "anak2nya" → "anaknya", "hati2" → "hati". Undefined
 * when the 2 is a number glued to a word ("rt2", "lt2": no vowel, or too short to be a word).
 */
export function reduceTwoMark(token: string): string | undefined {
  const m = TWO_MARK.exec(token);
  const base = m?.[1];
  if (base === undefined || base.length < MIN_TWO_MARK_BASE) return undefined;
  return base + (m?.[2] ?? '');
}

/**
 * Words joined by hyphens: full reduplication becomes one word ("anak-anak" → "anak", "berhari-hari" →
 * "berhari", "anak-anaknya" → "anaknya", "ugal-ugalan" → "ugalan"), a one-letter prefix is joined
 * ("e-ktp" → "ektp"), anything else ("sayur-mayur", "jakarta-bogor") stays as separate words.
 */
export function reduceHyphenated(parts: readonly string[]): string[] {
  const [a, b] = parts;
  if (parts.length === 2 && a !== undefined && b !== undefined) {
    if (a === b) return [a];
    if (b.length >= 2 && a.endsWith(b)) return [a];
    if (a.length >= MIN_TWO_MARK_BASE && b.startsWith(a)) return [b];
    if (a.length === 1) return [a + b];
  }
  return parts.filter((part, i) => part !== parts[i - 1]);
}
