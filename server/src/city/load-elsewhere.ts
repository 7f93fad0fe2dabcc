import { join } from 'node:path';
import type { Elsewhere, OutsideLevel, OutsideRegion, Region } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { oneOf, required } from './field-checks.js';
import { fileExists } from './file-exists.js';
import { readCsv } from './read-csv.js';

const LEVELS: readonly OutsideLevel[] = ['provinsi', 'kota', 'kecamatan'];
const PARENT_LEVEL: Record<OutsideLevel, OutsideLevel | null> = {
  provinsi: null,
  kota: 'provinsi',
  kecamatan: 'kota',
};

/**
 * The folder city.json `elsewhere` names (data/indonesia): regions.csv with the country's provinces,
 * kabupaten/kota and kecamatan, and an optional aliases.csv. The city's own regions are left out (its
 * province only when the city is the whole province: a city inside a province keeps the rest of that
 * province as "elsewhere"), so the same folder serves every city of the country.
 */
export async function loadElsewhere(dir: string, cityRegions: Map<string, Region>): Promise<Elsewhere> {
  const file = join(dir, 'regions.csv');
  const all = new Map<string, OutsideRegion>();
  for (const { line, values } of await readCsv(dir, 'regions.csv', [
    'code',
    'level',
    'name',
    'parent_code',
  ])) {
    const level = oneOf(values.level, LEVELS, 'level', file, line);
    const parentCode = values.parent_code === '' ? null : values.parent_code;
    const parent = parentCode === null ? undefined : all.get(parentCode);
    if (
      (parent?.level ?? null) !== PARENT_LEVEL[level] ||
      (parent && !values.code.startsWith(`${parent.code}.`))
    )
      throw new CityDataError(
        file,
        line,
        `parent_code "${parentCode ?? ''}" cannot contain ${level} "${values.code}"`,
      );
    if (all.has(values.code)) throw new CityDataError(file, line, `region code "${values.code}" is repeated`);
    all.set(values.code, {
      code: values.code,
      level,
      name: required(values.name, 'name', file, line),
      parentCode,
    });
  }
  const regions = new Map([...all].filter(([code]) => !isTheCitys(code, cityRegions)));
  const aliasFile = join(dir, 'aliases.csv');
  const aliases: Elsewhere['aliases'] = [];
  if (await fileExists(aliasFile)) {
    for (const { line, values } of await readCsv(dir, 'aliases.csv', ['alias', 'code'])) {
      const alias = required(values.alias, 'alias', aliasFile, line);
      if (!all.has(values.code))
        throw new CityDataError(aliasFile, line, `code "${values.code}" is not a code in regions.csv`);
      if (regions.has(values.code)) aliases.push({ alias, code: values.code });
    }
  }
  return { regions, aliases };
}

/** A region of the city, or inside one of its regions below the province. */
function isTheCitys(code: string, cityRegions: Map<string, Region>): boolean {
  if (cityRegions.has(code)) return true;
  for (let i = code.lastIndexOf('.'); i > 0; i = code.lastIndexOf('.', i - 1)) {
    const region = cityRegions.get(code.slice(0, i));
    if (region && region.level !== 'provinsi') return true;
  }
  return false;
}
