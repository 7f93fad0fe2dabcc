import { SEPARATOR } from './address-tokens.js';
import type { PlaceIndex, PlaceRef } from './place-index.js';
import {
  DIRECTION_WORDS,
  FUZZY_STOP_WORDS,
  KECAMATAN_WORDS,
  KELURAHAN_WORDS,
  KOTA_WORDS,
  STREET_BREAK_WORDS,
  STREET_WORDS,
} from './place-words.js';

/** A span of tokens that names one or more places. */
export interface Mention {
  start: number;
  end: number;
  refs: PlaceRef[];
  /** Edits between the text and the name (0 = exact). */
  distance: number;
  afterKelurahanWord: boolean;
  afterKecamatanWord: boolean;
  afterKotaWord: boolean;
  inStreetName: boolean;
}

/** Street names run at most this many words after "Jl.". */
const STREET_NAME_WORDS = 4;
/** Misspelt one-word names are guessed without a "Kel."/"Kec." label only from this length on. */
const UNLABELLED_ONE_WORD_LENGTH = 9;
/**
 * A single unlabelled word shorter than this is not looked up: it could only be a short misspelt one-word name
 * (not guessed unlabelled) or a joined multi-word name of six letters.
 */
const UNLABELLED_ONE_WORD_QUERY = 7;

const isNumber = (t: string) => /^\d+$/.test(t);

/**
 * The place mentions in the tokens: exact names (spacing ignored, so "Pulogadung" is "Pulo Gadung") and
 * misspellings within allowedDistance. A mention inside a longer one is dropped ("Menteng Dalam" hides
 * "Menteng").
 */
export function findMentions(tokens: string[], index: PlaceIndex): Mention[] {
  const exact: Mention[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let key = '';
    for (let end = start; end < tokens.length && end - start < index.maxTokens; end++) {
      const token = tokens[end] ?? SEPARATOR;
      if (token === SEPARATOR) break;
      key += token;
      const entry = index.byKey.get(key);
      if (entry)
        exact.push({ start, end: end + 1, refs: entry.refs, distance: 0, ...contextAt(tokens, start) });
    }
  }
  return longest([...exact, ...misspeltMentions(tokens, index, exact)]);
}

/**
 * Spans that are nearly a name. Only spans with a word of some name in them (or one edit from it) are
 * looked up, with at most one word that is neither, and none inside an exact mention: most words of a
 * complaint are nowhere near a place name.
 */
function misspeltMentions(tokens: string[], index: PlaceIndex, exact: Mention[]): Mention[] {
  const kinds = tokens.map((t) => wordKind(t, index));
  const found: Mention[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const context = contextAt(tokens, start);
    const labelled = context.afterKelurahanWord || context.afterKecamatanWord || context.afterKotaWord;
    let key = '';
    let anchors = 0;
    let free = 0;
    for (let end = start; end < tokens.length && end - start < index.maxTokens; end++) {
      const kind = kinds[end];
      if (kind === 'stop') break;
      if (kind === 'anchor') anchors++;
      if (kind === 'free' && ++free > 1) break;
      key += tokens[end];
      if (key.length > index.maxMisspeltLength + 2) break;
      // an exact name plus a word that is no part of any name is not a misspelt longer name
      if (free > 0 && exact.some((m) => m.start >= start && m.end <= end + 1)) break;
      if (end === start ? !labelled && key.length < UNLABELLED_ONE_WORD_QUERY : anchors === 0) continue;
      if (exact.some((m) => m.start <= start && m.end > end)) continue;
      const misspelt = misspeltMention(key, index, labelled);
      if (misspelt) found.push({ start, end: end + 1, ...misspelt, ...context });
    }
  }
  return found;
}

function longest(mentions: Mention[]): Mention[] {
  return mentions.filter(
    (m) =>
      !mentions.some(
        (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
      ),
  );
}

type WordKind = 'stop' | 'anchor' | 'filler' | 'free';

/** stop: no part of any name ("di", "no", "kel"); anchor: (nearly) a word of a name; filler: short or a direction. */
function wordKind(token: string, index: PlaceIndex): WordKind {
  if (index.anchors.has(token)) return 'anchor';
  if (token === SEPARATOR || FUZZY_STOP_WORDS.has(token) || isNumber(token)) return 'stop';
  if (token.length >= 3 && index.nearAnchors.has(token)) return 'anchor';
  return token.length < 4 || DIRECTION_WORDS.has(token) ? 'filler' : 'free';
}

/** The places of the nearest keys, if any is close enough; one-word names only when labelled or long. */
function misspeltMention(
  key: string,
  index: PlaceIndex,
  labelled: boolean,
): { refs: PlaceRef[]; distance: number } | null {
  const hits = index.misspelt.find(key).filter(({ key: name, distance }) => {
    const entry = index.byKey.get(name);
    if (!entry?.oneWord || labelled) return true;
    return name.length >= UNLABELLED_ONE_WORD_LENGTH && distance <= 1;
  });
  const best = hits[0];
  if (!best) return null;
  const refs = hits
    .filter((h) => h.distance === best.distance)
    .flatMap((h) => index.byKey.get(h.key)?.refs ?? []);
  return { refs, distance: best.distance };
}

/** What stands before a span: a region label, or a street word that makes it part of a street name. */
export function contextAt(tokens: string[], start: number) {
  const before = tokens[start - 1] ?? SEPARATOR;
  let inStreetName = false;
  for (let i = start - 1; i >= 0 && i >= start - 1 - STREET_NAME_WORDS; i--) {
    const t = tokens[i] ?? SEPARATOR;
    if (STREET_WORDS.has(t)) {
      inStreetName = true;
      break;
    }
    if (t === SEPARATOR || STREET_BREAK_WORDS.has(t) || KELURAHAN_WORDS.has(t) || KECAMATAN_WORDS.has(t))
      break;
  }
  return {
    afterKelurahanWord: KELURAHAN_WORDS.has(before),
    afterKecamatanWord: KECAMATAN_WORDS.has(before),
    afterKotaWord: KOTA_WORDS.has(before),
    inStreetName,
  };
}
