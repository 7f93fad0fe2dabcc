import type { City, Unit } from './city-types.js';

function unitOrThrow(city: City, unitId: string): Unit {
  const unit = city.units.get(unitId);
  if (!unit) throw new Error(`unknown unit "${unitId}"`);
  return unit;
}

/** The unit a report escalates to from `unitId`, or null at the top of the chain. */
export function parentUnitId(city: City, unitId: string): string | null {
  return unitOrThrow(city, unitId).parentId;
}

/** The unit and everything above it, e.g. kelurahan → kecamatan → wali kota → pemprov. */
export function unitChain(city: City, unitId: string): Unit[] {
  const chain = [unitOrThrow(city, unitId)];
  for (let parent = chain[0]?.parentId ?? null; parent !== null;) {
    const unit = unitOrThrow(city, parent);
    chain.push(unit);
    parent = unit.parentId;
  }
  return chain;
}
