import { join } from 'node:path';
import { CityDataError } from './city-data-error.js';
import { oneOf, required, uniqueKeys } from './field-checks.js';
import { readCsv } from './read-csv.js';

const FILE = 'holidays.csv';
const HOLIDAY_KINDS = ['national', 'cuti_bersama', 'tentative'] as const;

/** True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** holidays.csv: dates that are not working days, whatever their kind. */
export async function loadHolidays(dir: string): Promise<Set<string>> {
  const file = join(dir, FILE);
  const rows = await readCsv(dir, FILE, ['date', 'name_id', 'name_en', 'kind']);
  const holidays = new Set<string>();
  const unique = uniqueKeys(file, 'date');
  for (const { line, values } of rows) {
    if (!isIsoDate(values.date)) {
      throw new CityDataError(file, line, `date "${values.date}" is not a valid YYYY-MM-DD date`);
    }
    unique(values.date, line);
    required(values.name_id, 'name_id', file, line);
    required(values.name_en, 'name_en', file, line);
    oneOf(values.kind, HOLIDAY_KINDS, 'kind', file, line);
    holidays.add(values.date);
  }
  return holidays;
}
