import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Region } from '../../../src/city/city-types.js';
import { loadElsewhere } from '../../../src/city/load-elsewhere.js';
import { loadJakarta } from './jakarta-city.js';

const COUNTRY = [
  'code,level,name,parent_code',
  '31,provinsi,Daerah Khusus Ibukota Jakarta,',
  '31.71,kota,Kota Administrasi Jakarta Pusat,31',
  '31.71.01,kecamatan,Gambir,31.71',
  '32,provinsi,Jawa Barat,',
  '32.04,kota,Kabupaten Bandung,32',
  '32.73,kota,Kota Bandung,32',
  '32.73.01,kecamatan,Bandung Kulon,32.73',
].join('\n');

const region = (code: string, level: Region['level'], parentCode: string | null): [string, Region] => [
  code,
  { code, level, name: code, parentCode },
];

describe('loadElsewhere', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  async function folder(regions: string, aliases?: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sigap-elsewhere-'));
    dirs.push(dir);
    await writeFile(join(dir, 'regions.csv'), regions);
    if (aliases) await writeFile(join(dir, 'aliases.csv'), aliases);
    return dir;
  }

  test('leaves out a province-city entirely', async () => {
    const jakarta = new Map([region('31', 'provinsi', null), region('31.71', 'kota', '31')]);
    const { regions, aliases } = await loadElsewhere(
      await folder(COUNTRY, 'alias,code\nJakpus,31.71\nJabar,32\n'),
      jakarta,
    );
    expect([...regions.keys()]).toEqual(['32', '32.04', '32.73', '32.73.01']);
    expect(aliases).toEqual([{ alias: 'Jabar', code: '32' }]);
  });

  test('a city inside a province keeps the rest of that province as elsewhere, not the province itself', async () => {
    const bandung = new Map([region('32', 'provinsi', null), region('32.73', 'kota', '32')]);
    const { regions } = await loadElsewhere(await folder(COUNTRY), bandung);
    expect([...regions.keys()]).toEqual(['31', '31.71', '31.71.01', '32.04']);
  });

  test('refuses a region whose parent cannot contain it, naming file and line', async () => {
    const bad = `${COUNTRY}\n33.01.01,kecamatan,Somewhere,32.73`;
    await expect(loadElsewhere(await folder(bad), new Map())).rejects.toThrow(
      /regions\.csv:9: parent_code "32\.73" cannot contain kecamatan "33\.01\.01"/,
    );
    await expect(loadElsewhere(await folder(COUNTRY, 'alias,code\nX,99\n'), new Map())).rejects.toThrow(
      /aliases\.csv:2: code "99"/,
    );
  });

  test('the shipped country folder: all of Indonesia but Jakarta, provinces to kecamatan', async () => {
    const city = await loadJakarta();
    const regions = [...(city.elsewhere?.regions.values() ?? [])];
    expect(regions.filter((r) => r.level === 'provinsi')).toHaveLength(37);
    expect(regions.some((r) => r.code.startsWith('31'))).toBe(false);
    expect(regions.filter((r) => r.level === 'kota').length).toBeGreaterThan(500);
    expect(regions.filter((r) => r.level === 'kecamatan').length).toBeGreaterThan(7000);
  });
});
