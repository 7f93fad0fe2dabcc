import type { City, Region } from './city-types.js';
import { nameTokens } from './address-tokens.js';
import { FuzzyKeys } from './fuzzy-keys.js';
import { ABBREVIATIONS, DIRECTION_WORDS } from './place-words.js';

/**
 * How a key names a place: its official `name`, a `variant` with abbreviations ("Tj. Priok"), an `alias`
 * from region-aliases.csv, a `family` name without its direction ("Cipete" for Cipete Utara and Cipete
 * Selatan) or a `landmark` from landmarks.csv.
 */
export type PlaceKind = 'name' | 'variant' | 'alias' | 'family' | 'landmark';

export interface PlaceRef {
  /** null: a place outside the service area. */
  region: Region | null;
  kind: PlaceKind;
}

export interface PlaceKey {
  refs: PlaceRef[];
  /** Every name behind the key is a single word; such names are too close to everyday words to guess. */
  oneWord: boolean;
}

export interface PlaceIndex {
  /** Tokens of a name joined without spaces ("pulogadung") → the places it names. */
  byKey: Map<string, PlaceKey>;
  maxTokens: number;
  /** Longest key that may be misspelt. */
  maxMisspeltLength: number;
  /** Keys that may be matched with a spelling mistake. */
  misspelt: FuzzyKeys;
  /** Words of those keys; a misspelt name is only looked for in text that has one of them (or nearly). */
  anchors: Set<string>;
  nearAnchors: FuzzyKeys;
}

/** Largest edit distance at which a name still counts as misspelt: none below 6 letters, 2 from 10. */
export const allowedDistance = (length: number): number => (length >= 10 ? 2 : length >= 6 ? 1 : 0);

const ADMIN_PREFIX = /^(kota|kabupaten)( administrasi)? /i;
/** Longer names (the full "Kota Administrasi …") are not written out by hand, so not misspelt either. */
const MAX_MISSPELT_LENGTH = 20;
/** Bounds the variants of one name ("Kp. Kebon Klp. Tim." would otherwise multiply). */
const MAX_VARIANTS = 64;

const indexes = new WeakMap<City, PlaceIndex>();

/** The place-name index of a city, built once per loaded City. */
export function placeIndex(city: City): PlaceIndex {
  let index = indexes.get(city);
  if (!index) {
    index = buildIndex(city);
    indexes.set(city, index);
  }
  return index;
}

function buildIndex(city: City): PlaceIndex {
  const byKey = new Map<string, PlaceKey>();
  const misspellable = new Set<string>();
  const anchors = new Set<string>();
  let maxTokens = 1;
  let maxMisspeltLength = 0;

  const add = (tokens: string[], ref: PlaceRef, fuzzy: boolean) => {
    if (tokens.length === 0) return;
    const key = tokens.join('');
    maxTokens = Math.max(maxTokens, tokens.length);
    const entry = byKey.get(key) ?? { refs: [], oneWord: true };
    if (!entry.refs.some((r) => r.region?.code === ref.region?.code)) entry.refs.push(ref);
    entry.oneWord &&= tokens.length === 1;
    byKey.set(key, entry);
    if (!fuzzy || key.length > MAX_MISSPELT_LENGTH) return;
    misspellable.add(key);
    maxMisspeltLength = Math.max(maxMisspeltLength, key.length);
    for (const t of tokens) {
      if (t.length >= 4 && !DIRECTION_WORDS.has(t)) anchors.add(t);
    }
  };
  const addName = (tokens: string[], ref: PlaceRef) => {
    add(tokens, ref, true);
    const kind = ref.kind === 'name' ? 'variant' : ref.kind;
    for (const variant of abbreviated(tokens)) add(variant, { ...ref, kind }, false);
  };

  for (const region of city.regions.values()) {
    if (region.level === 'provinsi') continue;
    addName(nameTokens(region.name), { region, kind: 'name' });
    if (region.level === 'kota')
      addName(nameTokens(region.name.replace(ADMIN_PREFIX, '')), { region, kind: 'name' });
  }
  for (const { alias, code } of city.regionAliases) {
    addName(nameTokens(alias), {
      region: code === null ? null : (city.regions.get(code) ?? null),
      kind: 'alias',
    });
  }
  for (const { name, code } of city.landmarks) {
    const region = city.regions.get(code);
    if (region) addName(nameTokens(name), { region, kind: 'landmark' });
  }
  for (const [tokens, members] of families(city)) {
    for (const region of members) addName(tokens, { region, kind: 'family' });
  }
  return {
    byKey,
    // text may split or join words differently from the data, so spans may have two extra tokens
    maxTokens: maxTokens + 2,
    maxMisspeltLength,
    misspelt: new FuzzyKeys(misspellable, allowedDistance),
    anchors,
    // "weten" is a misspelt "wetan": directions are words of names too, though too common to anchor alone
    nearAnchors: new FuzzyKeys([...anchors, ...DIRECTION_WORDS], (length) => (length >= 4 ? 1 : 0)),
  };
}

/**
 * Kelurahan grouped by their name without its direction ("Cipete" → Cipete Utara, Cipete Selatan). A group
 * of one is left out unless a region already has the short name ("Kelapa Dua" → Kelapa Dua Wetan): "Rawa
 * Barat" alone does not make every "rawa" (swamp) a place.
 */
function families(city: City): [string[], Region[]][] {
  const groups = new Map<string, { tokens: string[]; members: Region[] }>();
  for (const region of city.regions.values()) {
    const tokens = nameTokens(region.name);
    if (
      region.level !== 'kelurahan' ||
      tokens.length < 2 ||
      !DIRECTION_WORDS.has(tokens[tokens.length - 1] ?? '')
    )
      continue;
    const short = tokens.slice(0, -1);
    const group = groups.get(short.join('')) ?? { tokens: short, members: [] };
    group.members.push(region);
    groups.set(short.join(''), group);
  }
  const named = new Set([...city.regions.values()].map((r) => nameTokens(r.name).join('')));
  return [...groups.entries()]
    .filter(([key, g]) => g.members.length > 1 || named.has(key))
    .map(([, g]) => [g.tokens, g.members]);
}

/** The name with abbreviations substituted for any of its words (the name itself excluded). */
export function abbreviated(tokens: string[]): string[][] {
  let results: string[][] = [[]];
  for (const token of tokens) {
    const options = [[token], ...(ABBREVIATIONS[token] ?? []).map((a) => a.split(' '))];
    results = results.flatMap((r) => options.map((o) => [...r, ...o])).slice(0, MAX_VARIANTS);
  }
  return results.slice(1);
}
