import { join } from 'node:path';
import type { Category, SlaPolicy } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { oneOf, positiveHours, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';

const FILE = 'sla.csv';

/** sla.csv: response and completion limits per category; every category needs exactly one row. */
export async function loadSlaPolicies(
  dir: string,
  categories: Map<string, Category>,
): Promise<Map<string, SlaPolicy>> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, ['category', 'response_hours', 'completion_hours', 'clock']);
  const policies = new Map<string, SlaPolicy>();
  const unique = uniqueKeys(file, 'category');
  for (const { line, values } of rows) {
    const category = values.category;
    if (!categories.has(category)) {
      throw new CityDataError(file, line, `unknown category "${category}" (not in categories.csv)`);
    }
    unique(category, line);
    const responseHours = positiveHours(values.response_hours, 'response_hours', file, line);
    const completionHours = positiveHours(values.completion_hours, 'completion_hours', file, line);
    if (responseHours > completionHours) {
      throw new CityDataError(file, line, 'response_hours must not exceed completion_hours');
    }
    const clock = oneOf(values.clock, ['working', 'calendar'] as const, 'clock', file, line);
    policies.set(category, { category, responseHours, completionHours, clock });
  }
  const missing = [...categories.keys()].filter((c) => !policies.has(c));
  if (missing.length > 0) throw new CityDataError(file, null, `no row for categories: ${missing.join(', ')}`);
  return policies;
}
