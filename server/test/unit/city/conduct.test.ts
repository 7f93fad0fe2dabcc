import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { accusedOffices, DEFAULT_CITY_DIR, isConductCategory, loadCity } from '../../../src/city/index.js';
import { jakarta } from '../../support/test-app.js';

describe('conduct categories', () => {
  test('Jakarta marks pungli; the accused offices are the kelurahan, kecamatan and wali kota of the place', async () => {
    const { city } = await jakarta();
    expect(isConductCategory(city, 'pungli')).toBe(true);
    expect(isConductCategory(city, 'jalan')).toBe(false);
    expect([...accusedOffices(city, 'pungli', '31.74.01.1007')].sort()).toEqual(
      ['kec-317401', 'kel-3174011007', 'walkot-3174'].sort(),
    );
    expect(accusedOffices(city, 'jalan', '31.74.01.1007').size).toBe(0);
    expect(accusedOffices(city, 'pungli', null).size).toBe(0);
  });

  test('a city.json naming an unknown conduct category is refused at load, naming the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-city-conduct-'));
    try {
      await fs.cp(DEFAULT_CITY_DIR, dir, { recursive: true });
      const config = JSON.parse(await fs.readFile(path.join(dir, 'city.json'), 'utf8'));
      await fs.writeFile(
        path.join(dir, 'city.json'),
        JSON.stringify({ ...config, conductCategories: ['suap'] }),
      );
      await expect(loadCity(dir)).rejects.toThrow(/city\.json.*conductCategories.*"suap"/s);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
