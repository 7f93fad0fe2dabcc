import { join } from 'node:path';
import Value from 'typebox/value';
import type { CityConfig } from './city-config-schema.js';
import { CityConfigSchema } from './city-config-schema.js';
import { CityDataError } from './city-data-error.js';
import { readCityJson } from './read-city-file.js';

const FILE = 'city.json';

/** city.json: the city's settings, checked against CityConfigSchema and for internal consistency. */
export async function loadCityConfig(dir: string): Promise<CityConfig> {
  const file = join(dir, FILE);
  const json = await readCityJson(dir, FILE);
  if (!Value.Check(CityConfigSchema, json)) {
    const problems = Value.Errors(CityConfigSchema, json)
      // "schema is false" repeats the additionalProperties error that follows it.
      .filter((e) => e.keyword !== 'boolean')
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}${allowed(e.params)}`);
    throw new CityDataError(file, null, problems.join('; '));
  }
  const config = json;
  if (!isTimeZone(config.timeZone)) {
    throw new CityDataError(file, null, `/timeZone "${config.timeZone}" is not an IANA time zone`);
  }
  const { start, end } = config.workCalendar.workHours;
  if (start >= end)
    throw new CityDataError(file, null, `/workCalendar/workHours start ${start} is not before end ${end}`);
  const [minLng, minLat, maxLng, maxLat] = config.bounds;
  if (minLng >= maxLng || minLat >= maxLat) {
    throw new CityDataError(file, null, '/bounds must be [minLng, minLat, maxLng, maxLat]');
  }
  return config;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function allowed(params: unknown): string {
  const values = (params as { allowedValues?: unknown[] } | null)?.allowedValues;
  return Array.isArray(values) ? ` (${values.join(', ')})` : '';
}
