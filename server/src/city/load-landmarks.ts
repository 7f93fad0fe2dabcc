import { join } from 'node:path';
import type { Landmark, Region } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { required, uniqueKeys } from './field-checks.js';
import { fileExists } from './file-exists.js';
import { nameTokens } from './address-tokens.js';
import { readCsv } from './read-csv.js';

const FILE = 'landmarks.csv';
const LEVELS: readonly Region['level'][] = ['kelurahan', 'kecamatan'];

/** landmarks.csv (optional): well-known places and the kelurahan (or kecamatan) they lie in. */
export async function loadLandmarks(dir: string, regions: Map<string, Region>): Promise<Landmark[]> {
  const file = join(dir, FILE);
  if (!(await fileExists(file))) return [];
  const unique = uniqueKeys(file, 'landmark');
  const rows = await readCsv(dir, FILE, ['name', 'code']);
  return rows.map(({ line, values }) => {
    const name = required(values.name, 'name', file, line);
    if (nameTokens(name).length === 0)
      throw new CityDataError(file, line, `name "${name}" has no letters or digits`);
    unique(nameTokens(name).join(' '), line);
    const level = regions.get(values.code)?.level;
    if (!level || !LEVELS.includes(level)) {
      throw new CityDataError(
        file,
        line,
        `code "${values.code}" is not a kelurahan or kecamatan in regions.csv`,
      );
    }
    return { name, code: values.code };
  });
}
