import { join } from 'node:path';
import type { Region, Unit } from './city-types.js';
import { UNIT_KINDS } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { oneOf, required, slug, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';
import { lookupKey } from './unit-lookup.js';

const FILE = 'units.csv';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** units.csv: every office, with the parent it escalates to. */
export async function loadUnits(dir: string, regions: Map<string, Region>): Promise<Map<string, Unit>> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, [
    'id',
    'name',
    'kind',
    'region_code',
    'parent_id',
    'sector',
    'email',
  ]);
  const units = new Map<string, Unit>();
  const lines = new Map<string, number>();
  const uniqueId = uniqueKeys(file, 'unit id');
  const uniqueLookup = uniqueKeys(file, 'kind:sector@region combination');
  for (const { line, values } of rows) {
    const id = slug(values.id, 'id', file, line);
    uniqueId(id, line);
    const kind = oneOf(values.kind, UNIT_KINDS, 'kind', file, line);
    const regionCode = values.region_code === '' ? null : values.region_code;
    if (regionCode !== null && !regions.has(regionCode)) {
      throw new CityDataError(file, line, `region_code "${regionCode}" is not in regions.csv`);
    }
    const sector = values.sector === '' ? null : slug(values.sector, 'sector', file, line);
    if (values.email !== '' && !EMAIL.test(values.email)) {
      throw new CityDataError(file, line, `email "${values.email}" is not an e-mail address`);
    }
    if (regionCode !== null) uniqueLookup(lookupKey(kind, sector, regionCode), line);
    units.set(id, {
      id,
      name: required(values.name, 'name', file, line),
      kind,
      regionCode,
      parentId: values.parent_id === '' ? null : values.parent_id,
      sector,
      email: values.email === '' ? null : values.email,
    });
    lines.set(id, line);
  }
  for (const unit of units.values()) {
    const line = lines.get(unit.id) ?? 0;
    if (unit.parentId !== null && !units.has(unit.parentId)) {
      throw new CityDataError(file, line, `parent_id "${unit.parentId}" of unit "${unit.id}" does not exist`);
    }
    checkNoCycle(unit, units, file, line);
  }
  return units;
}

function checkNoCycle(start: Unit, units: Map<string, Unit>, file: string, line: number): void {
  const seen = new Set<string>([start.id]);
  for (let id = start.parentId; id !== null; id = units.get(id)?.parentId ?? null) {
    if (seen.has(id)) {
      throw new CityDataError(
        file,
        line,
        `parent chain of "${start.id}" loops: ${[...seen, id].join(' -> ')}`,
      );
    }
    seen.add(id);
  }
}
