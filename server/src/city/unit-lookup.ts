import type { City, RegionLevel, RoutingTarget } from './city-types.js';

const ANY_SECTOR = '*';

/** Key of a unit for `kind[:sector]@region` lookups; `sector` undefined means "any sector". */
export const lookupKey = (kind: string, sector: string | null | undefined, regionCode: string): string =>
  `${kind}:${sector === undefined ? ANY_SECTOR : (sector ?? '')}@${regionCode}`;

const indexes = new WeakMap<City, Map<string, string[]>>();

function lookupIndex(city: City): Map<string, string[]> {
  let index = indexes.get(city);
  if (!index) {
    const built = new Map<string, string[]>();
    const add = (key: string, id: string) => built.set(key, [...(built.get(key) ?? []), id]);
    for (const unit of city.units.values()) {
      if (unit.regionCode === null) continue;
      add(lookupKey(unit.kind, unit.sector, unit.regionCode), unit.id);
      add(lookupKey(unit.kind, undefined, unit.regionCode), unit.id);
    }
    indexes.set(city, built);
    index = built;
  }
  return index;
}

export type Resolution = { unitId: string } | { error: string };

/** Resolves a routing target against the report's regions (innermost first). */
export function resolveTarget(
  city: City,
  target: RoutingTarget,
  chain: { level: RegionLevel; code: string }[],
): Resolution {
  if (target.type === 'unit') {
    return city.units.has(target.unitId)
      ? { unitId: target.unitId }
      : { error: `no unit "${target.unitId}"` };
  }
  const region = chain.find((r) => r.level === target.level);
  if (!region) return { error: `the report has no ${target.level}` };
  const ids = lookupIndex(city).get(lookupKey(target.kind, target.sector ?? undefined, region.code)) ?? [];
  const wanted = `${target.kind}${target.sector === null ? '' : `:${target.sector}`} unit in ${region.code}`;
  if (ids.length === 0) return { error: `no ${wanted}` };
  if (ids.length > 1) return { error: `more than one ${wanted} (${ids.join(', ')}); name a sector` };
  return { unitId: ids[0] ?? '' };
}
