import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { City } from '../../../src/city/city-types.js';
import { DEFAULT_CITY_DIR, loadCity } from '../../../src/city/load-city.js';

let jakarta: Promise<City> | undefined;

/** The shipped Jakarta folder, loaded once per test file. */
export const loadJakarta = (): Promise<City> => (jakarta ??= loadCity(DEFAULT_CITY_DIR));

/**
 * A writable copy of the Jakarta folder in the OS temp directory, for breaking on purpose, with a copy of the
 * country folder its city.json `elsewhere` names beside it.
 */
export async function copyOfJakarta(): Promise<{
  dir: string;
  edit: (file: string, change: (text: string) => string) => Promise<void>;
  remove: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'sigap-city-'));
  const dir = join(root, 'jakarta');
  await cp(DEFAULT_CITY_DIR, dir, { recursive: true });
  await cp(join(dirname(DEFAULT_CITY_DIR.replace(/\/$/, '')), 'indonesia'), join(root, 'indonesia'), {
    recursive: true,
  });
  return {
    dir,
    edit: async (file, change) => writeFile(join(dir, file), change(await readFile(join(dir, file), 'utf8'))),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
