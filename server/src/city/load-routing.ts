import { join } from 'node:path';
import type { Category, City, Region, RoutingRule, RoutingTarget, Unit } from './city-types.js';
import { REGION_LEVELS, UNIT_KINDS } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { oneOf, slug, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';
import { routeReport, RoutingError } from './routing.js';

const FILE = 'routing.csv';

/** routing.csv: category × region → unit rules (syntax in data/jakarta/README.md). */
export async function loadRoutingRules(
  dir: string,
  categories: Map<string, Category>,
  regions: Map<string, Region>,
  units: Map<string, Unit>,
): Promise<RoutingRule[]> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, ['category', 'region', 'unit']);
  const unique = uniqueKeys(file, 'category,region pair');
  return rows.map(({ line, values }) => {
    if (!categories.has(values.category)) {
      throw new CityDataError(file, line, `unknown category "${values.category}" (not in categories.csv)`);
    }
    if (values.region !== '*' && !regions.has(values.region)) {
      throw new CityDataError(file, line, `region "${values.region}" is neither * nor a code in regions.csv`);
    }
    unique(`${values.category},${values.region}`, line);
    return {
      category: values.category,
      regionCode: values.region === '*' ? null : values.region,
      target: parseTarget(values.unit, units, file, line),
      line,
      text: `${FILE}:${line} ${values.category},${values.region},${values.unit}`,
    };
  });
}

/** `unit-id` or `kind[:sector]@level`. */
function parseTarget(text: string, units: Map<string, Unit>, file: string, line: number): RoutingTarget {
  const at = text.indexOf('@');
  if (at < 0) {
    if (!units.has(text)) throw new CityDataError(file, line, `unit "${text}" is not in units.csv`);
    return { type: 'unit', unitId: text };
  }
  const [kindText = '', sectorText] = text.slice(0, at).split(':', 2);
  const kind = oneOf(kindText, UNIT_KINDS, 'unit kind', file, line);
  const level = oneOf(text.slice(at + 1), REGION_LEVELS, 'level after @', file, line);
  const sector = sectorText === undefined ? null : slug(sectorText, 'sector', file, line);
  return { type: 'lookup', kind, sector, level };
}

/** Every category must route to an existing unit from every kelurahan; fails naming the rule's line. */
export function checkRoutingCoversCity(city: City): void {
  const file = join(city.dir, FILE);
  const kelurahan = [...city.regions.values()].filter((r) => r.level === 'kelurahan');
  for (const category of city.categories.keys()) {
    for (const region of kelurahan) {
      try {
        routeReport(city, category, region.code);
      } catch (error) {
        if (!(error instanceof RoutingError)) throw error;
        const where = `category "${category}" in kelurahan ${region.code} ${region.name}`;
        throw new CityDataError(file, error.rule?.line ?? null, `${where}: ${error.message}`);
      }
    }
  }
}
