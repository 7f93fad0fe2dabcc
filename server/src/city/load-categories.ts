import { join } from 'node:path';
import type { Category } from './city-types.js';
import { required, slug, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';

const FILE = 'categories.csv';

/** categories.csv: the report categories (for Jakarta the 30 reference codes). */
export async function loadCategories(dir: string): Promise<Map<string, Category>> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, ['code', 'name_id', 'name_en', 'sector', 'description_id']);
  const categories = new Map<string, Category>();
  const unique = uniqueKeys(file, 'category code');
  for (const { line, values } of rows) {
    const code = slug(values.code, 'code', file, line);
    unique(code, line);
    categories.set(code, {
      code,
      nameId: required(values.name_id, 'name_id', file, line),
      nameEn: required(values.name_en, 'name_en', file, line),
      sector: slug(values.sector, 'sector', file, line),
      descriptionId: values.description_id,
    });
  }
  return categories;
}
