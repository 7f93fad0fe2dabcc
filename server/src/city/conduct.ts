import type { City } from './city-types.js';
import { regionChain } from './regions.js';

/** Whether reports of this category accuse officials of misconduct (city.json `conductCategories`). */
export function isConductCategory(city: City, category: string): boolean {
  return city.config.conductCategories?.includes(category) ?? false;
}

/**
 * The offices a conduct complaint located in `kelurahanCode` may be accusing, so must never handle or see:
 * the general offices of its place (kelurahan, kecamatan and wali kota; not the city government as a whole).
 * Empty for other categories and for reports without a place.
 */
export function accusedOffices(city: City, category: string, kelurahanCode: string | null): Set<string> {
  if (!kelurahanCode || !isConductCategory(city, category)) return new Set();
  const offices = new Set<string>();
  for (const region of regionChain(city, kelurahanCode)) {
    if (region.level === 'provinsi') continue;
    const unit = city.unitByRegion.get(region.code);
    if (unit) offices.add(unit);
  }
  return offices;
}
