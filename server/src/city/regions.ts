import type { City, Region, RegionLevel } from './city-types.js';

/** The region and its ancestors, innermost first; empty for an unknown code. */
export function regionChain(city: City, code: string): Region[] {
  const chain: Region[] = [];
  for (
    let r = city.regions.get(code);
    r;
    r = r.parentCode === null ? undefined : city.regions.get(r.parentCode)
  ) {
    chain.push(r);
  }
  return chain;
}

/** The region of `level` that contains (or is) `code`; null if `code` is unknown or above that level. */
export function regionAtLevel(city: City, code: string, level: RegionLevel): Region | null {
  return regionChain(city, code).find((r) => r.level === level) ?? null;
}

export const kelurahanOf = (city: City, code: string): Region | null =>
  regionAtLevel(city, code, 'kelurahan');
export const kecamatanOf = (city: City, code: string): Region | null =>
  regionAtLevel(city, code, 'kecamatan');
export const kotaOf = (city: City, code: string): Region | null => regionAtLevel(city, code, 'kota');

export function regionsAtLevel(city: City, level: RegionLevel): Region[] {
  return [...city.regions.values()].filter((r) => r.level === level);
}
