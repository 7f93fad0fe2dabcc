import { join, resolve } from 'node:path';
import { fromCheckoutRoot } from '../install-paths.js';
import { buildUnitByRegion } from './area-offices.js';
import type { City } from './city-types.js';
import { CityDataError } from './city-data-error.js';
import { loadBoundaries, loadOptionalBoundaries } from './load-boundaries.js';
import { loadCategories } from './load-categories.js';
import { loadCityConfig } from './load-city-config.js';
import { loadElsewhere } from './load-elsewhere.js';
import { loadHolidays } from './load-holidays.js';
import { loadLandmarks } from './load-landmarks.js';
import { loadRegionAliases } from './load-region-aliases.js';
import { loadRegions } from './load-regions.js';
import { checkRoutingCoversCity, loadRoutingRules } from './load-routing.js';
import { loadSlaPolicies } from './load-sla.js';
import { loadUnits } from './load-units.js';

/** The shipped Jakarta folder. Callers may prefer `process.env.SIGAP_CITY_DIR ?? DEFAULT_CITY_DIR`. */
export const DEFAULT_CITY_DIR = fromCheckoutRoot('data', 'jakarta');

/**
 * Reads and validates a city data folder (layout in data/jakarta/README.md). Any inconsistency throws a
 * CityDataError naming the file and line, so a broken folder stops the app at start-up, not mid-report.
 */
export async function loadCity(dir: string): Promise<City> {
  const root = resolve(dir);
  const config = await loadCityConfig(root);
  const regions = await loadRegions(root, config.provinceCode);
  const units = await loadUnits(root, regions);
  for (const key of ['triageUnitId', 'verifierUnitId', 'revealAuthorityUnitId'] as const) {
    if (!units.has(config[key])) {
      throw new CityDataError(
        join(root, 'city.json'),
        null,
        `/${key} "${config[key]}" is not a unit in units.csv`,
      );
    }
  }
  const categories = await loadCategories(root);
  const channelCodes = config.channels.map((c) => c.code);
  const repeated = channelCodes.find((code, i) => channelCodes.indexOf(code) !== i);
  if (repeated) throw new CityDataError(join(root, 'city.json'), null, `/channels names "${repeated}" twice`);
  for (const code of config.conductCategories ?? []) {
    if (!categories.has(code))
      throw new CityDataError(
        join(root, 'city.json'),
        null,
        `/conductCategories names "${code}", which is not a category in categories.csv`,
      );
  }
  const { volumes, volumesTotal } = config.classification;
  for (const code of Object.keys(volumes ?? {}))
    if (!categories.has(code))
      throw new CityDataError(
        join(root, 'city.json'),
        null,
        `/classification/volumes names "${code}", which is not a category in categories.csv`,
      );
  if (volumes && (volumesTotal ?? 0) < Object.values(volumes).reduce((s, n) => s + n, 0))
    throw new CityDataError(
      join(root, 'city.json'),
      null,
      '/classification/volumesTotal is missing or smaller than the sum of /classification/volumes',
    );
  const city: City = {
    dir: root,
    config,
    regions,
    units,
    categories,
    slaPolicies: await loadSlaPolicies(root, categories),
    holidays: await loadHolidays(root),
    routingRules: await loadRoutingRules(root, categories, regions, units),
    unitByRegion: buildUnitByRegion(
      units,
      regions,
      join(root, 'units.csv'),
      config.routingMode === 'jakarta',
    ),
    regionAliases: await loadRegionAliases(root, regions),
    landmarks: await loadLandmarks(root, regions),
    elsewhere: config.elsewhere ? await loadElsewhere(resolve(root, config.elsewhere), regions) : null,
    boundaries: {
      kelurahan: await loadBoundaries(root, 'kelurahan', regions),
      kecamatan: await loadOptionalBoundaries(root, 'kecamatan', regions),
      kota: await loadOptionalBoundaries(root, 'kota', regions),
    },
  };
  checkRoutingCoversCity(city);
  return city;
}
