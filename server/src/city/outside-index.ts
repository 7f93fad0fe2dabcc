import type { City, OutsideRegion } from './city-types.js';
import { nameTokens } from './address-tokens.js';
import { abbreviated } from './place-index.js';

/**
 * How a key names a region elsewhere: its `official` name with "Kota"/"Kabupaten" (itself a label), its
 * `name` (without that prefix for a kota/kabupaten) or an `alias` from the folder's aliases.csv.
 */
export type OutsideKind = 'official' | 'name' | 'alias';

export interface OutsideRef {
  region: OutsideRegion;
  kind: OutsideKind;
}

export interface OutsideIndex {
  /** Tokens of a name joined without spaces ("tangerangselatan") → the regions it names. */
  byKey: Map<string, OutsideRef[]>;
  maxTokens: number;
}

const KOTA_PREFIX = /^(kota|kabupaten)( administrasi)? /i;
const EMPTY: OutsideIndex = { byKey: new Map(), maxTokens: 0 };
const indexes = new WeakMap<City, OutsideIndex>();

/**
 * Exact names only: the country has some 7,800 of them and a guessed spelling would find one in most
 * sentences. Built once per loaded City.
 */
export function outsideIndex(city: City): OutsideIndex {
  if (!city.elsewhere) return EMPTY;
  let index = indexes.get(city);
  if (!index) {
    index = buildIndex(city.elsewhere.regions, city.elsewhere.aliases);
    indexes.set(city, index);
  }
  return index;
}

function buildIndex(
  regions: Map<string, OutsideRegion>,
  aliases: { alias: string; code: string }[],
): OutsideIndex {
  const byKey = new Map<string, OutsideRef[]>();
  let maxTokens = 1;
  const add = (tokens: string[], ref: OutsideRef) => {
    for (const variant of [tokens, ...abbreviated(tokens)]) {
      const key = variant.join('');
      if (key === '') continue;
      maxTokens = Math.max(maxTokens, variant.length);
      const refs = byKey.get(key) ?? [];
      if (!refs.some((r) => r.region.code === ref.region.code)) refs.push(ref);
      byKey.set(key, refs);
    }
  };
  for (const region of regions.values()) {
    if (region.level !== 'kota') add(nameTokens(region.name), { region, kind: 'name' });
    else {
      add(nameTokens(region.name), { region, kind: 'official' });
      add(nameTokens(region.name.replace(KOTA_PREFIX, '')), { region, kind: 'name' });
    }
  }
  for (const { alias, code } of aliases) {
    const region = regions.get(code);
    if (region) add(nameTokens(alias), { region, kind: 'alias' });
  }
  return { byKey, maxTokens };
}
