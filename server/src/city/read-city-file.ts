import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CityDataError } from './city-data-error.js';

/** Reads the raw text of a file in the city folder; a missing file is a CityDataError. */
export async function readCityFile(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : String(error);
    throw new CityDataError(join(dir, file), null, reason);
  }
}

/** Reads and parses a JSON file in the city folder; the result still needs checking. */
export async function readCityJson(dir: string, file: string): Promise<unknown> {
  const text = await readCityFile(dir, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CityDataError(join(dir, file), null, `not valid JSON: ${(error as Error).message}`);
  }
}
