import type { Region, Unit } from './city-types.js';
import { AREA_OFFICE_KINDS } from './city-types.js';
import { CityDataError } from './city-data-error.js';

/**
 * Region code → the unit id of its general office. With `requireKelurahan` (Jakarta routing, where a located
 * report first lands at its kelurahan) every kelurahan must have one.
 */
export function buildUnitByRegion(
  units: Map<string, Unit>,
  regions: Map<string, Region>,
  file: string,
  requireKelurahan: boolean,
): Map<string, string> {
  const byRegion = new Map<string, string>();
  for (const unit of units.values()) {
    if (unit.regionCode === null || !AREA_OFFICE_KINDS.includes(unit.kind)) continue;
    const other = byRegion.get(unit.regionCode);
    if (other !== undefined) {
      throw new CityDataError(
        file,
        null,
        `units "${other}" and "${unit.id}" are both the office of ${unit.regionCode}`,
      );
    }
    byRegion.set(unit.regionCode, unit.id);
  }
  if (requireKelurahan) {
    const missing = [...regions.values()].filter((r) => r.level === 'kelurahan' && !byRegion.has(r.code));
    if (missing.length > 0) {
      const list = missing.map((r) => `${r.code} ${r.name}`).join(', ');
      throw new CityDataError(
        file,
        null,
        `routingMode "jakarta" needs a kelurahan office (kind kelurahan) for ${list}`,
      );
    }
  }
  return byRegion;
}
