import { join } from 'node:path';
import type { Region, RegionLevel } from './city-types.js';
import { REGION_LEVELS } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { oneOf, required, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';

const FILE = 'regions.csv';

const CODE_PATTERN: Record<RegionLevel, RegExp> = {
  provinsi: /^\d{2}$/,
  kota: /^\d{2}\.\d{2}$/,
  kecamatan: /^\d{2}\.\d{2}\.\d{2}$/,
  kelurahan: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** regions.csv: the province, its kota/kabupaten, kecamatan and kelurahan with dotted Kemendagri codes. */
export async function loadRegions(dir: string, provinceCode: string): Promise<Map<string, Region>> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, ['code', 'level', 'name', 'parent_code']);
  const regions = new Map<string, Region>();
  const lines = new Map<string, number>();
  const unique = uniqueKeys(file, 'region code');
  for (const { line, values } of rows) {
    const level = oneOf(values.level, REGION_LEVELS, 'level', file, line);
    const code = values.code;
    if (!CODE_PATTERN[level].test(code)) {
      throw new CityDataError(file, line, `code "${code}" is not a dotted Kemendagri code for a ${level}`);
    }
    unique(code, line);
    const name = required(values.name, 'name', file, line);
    regions.set(code, {
      code,
      level,
      name,
      parentCode: values.parent_code === '' ? null : values.parent_code,
    });
    lines.set(code, line);
  }
  for (const region of regions.values()) checkParent(region, regions, file, lines.get(region.code) ?? 0);
  const provinces = [...regions.values()].filter((r) => r.level === 'provinsi');
  if (provinces.length !== 1 || provinces[0]?.code !== provinceCode) {
    const found = provinces.map((p) => p.code).join(', ') || 'none';
    throw new CityDataError(
      file,
      null,
      `expected one province with code ${provinceCode} (city.json), found ${found}`,
    );
  }
  return regions;
}

function checkParent(region: Region, regions: Map<string, Region>, file: string, line: number): void {
  const depth = REGION_LEVELS.indexOf(region.level);
  if (depth === 0) {
    if (region.parentCode !== null) throw new CityDataError(file, line, 'a province has no parent_code');
    return;
  }
  const parent = region.parentCode === null ? undefined : regions.get(region.parentCode);
  if (!parent) {
    throw new CityDataError(
      file,
      line,
      `parent_code "${region.parentCode ?? ''}" is not a region in ${FILE}`,
    );
  }
  if (parent.level !== REGION_LEVELS[depth - 1] || !region.code.startsWith(`${parent.code}.`)) {
    throw new CityDataError(
      file,
      line,
      `parent_code "${parent.code}" (${parent.level}) cannot contain ${region.level} "${region.code}"`,
    );
  }
}
