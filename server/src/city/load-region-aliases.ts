import { join } from 'node:path';
import type { Region, RegionAlias } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { required } from './field-checks.js';
import { fileExists } from './file-exists.js';
import { readCsv } from './read-csv.js';

const FILE = 'region-aliases.csv';
/** The code of a place outside the service area (a neighbouring city). */
const OUTSIDE = '-';

/** region-aliases.csv (optional): other spellings and abbreviations of region names (e.g. Jaksel). */
export async function loadRegionAliases(dir: string, regions: Map<string, Region>): Promise<RegionAlias[]> {
  const file = join(dir, FILE);
  if (!(await fileExists(file))) return [];
  const rows = await readCsv(dir, FILE, ['alias', 'code']);
  return rows.map(({ line, values }) => {
    const alias = required(values.alias, 'alias', file, line);
    if (values.code === OUTSIDE) return { alias, code: null };
    if (!regions.has(values.code)) {
      throw new CityDataError(
        file,
        line,
        `code "${values.code}" is neither ${OUTSIDE} nor a code in regions.csv`,
      );
    }
    return { alias, code: values.code };
  });
}
