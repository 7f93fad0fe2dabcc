import { describe, expect, it } from 'vitest';
import { kecamatanOf, kelurahanOf, kotaOf, regionChain } from '../../../src/city/regions.js';
import { parentUnitId, unitChain } from '../../../src/city/units.js';
import { loadJakarta } from './jakarta-city.js';

describe('region helpers', () => {
  it('find the kelurahan, kecamatan and kota of a code', async () => {
    const city = await loadJakarta();
    expect(kelurahanOf(city, '31.74.01.1001')?.name).toBe('Tebet Timur');
    expect(kecamatanOf(city, '31.74.01.1001')?.code).toBe('31.74.01');
    expect(kotaOf(city, '31.74.01.1001')?.name).toBe('Kota Administrasi Jakarta Selatan');
    expect(kotaOf(city, '31.74.01')?.code).toBe('31.74');
    expect(kotaOf(city, '31.74')?.code).toBe('31.74');
  });

  it('return null above the level or for unknown codes', async () => {
    const city = await loadJakarta();
    expect(kelurahanOf(city, '31.74.01')).toBeNull();
    expect(kecamatanOf(city, '31')).toBeNull();
    expect(kotaOf(city, '32.01')).toBeNull();
    expect(regionChain(city, 'nope')).toEqual([]);
  });

  it('walk from a kelurahan up to the province', async () => {
    const city = await loadJakarta();
    expect(regionChain(city, '31.01.01.1001').map((r) => r.code)).toEqual([
      '31.01.01.1001',
      '31.01.01',
      '31.01',
      '31',
    ]);
  });
});

describe('unit helpers', () => {
  it('give the escalation parent, null at the top', async () => {
    const city = await loadJakarta();
    expect(parentUnitId(city, 'kel-3171011001')).toBe('kec-317101');
    expect(parentUnitId(city, 'kec-317101')).toBe('walkot-3171');
    expect(parentUnitId(city, 'kec-310101')).toBe('bupati-3101');
    expect(parentUnitId(city, 'sudin-sda-3173')).toBe('dinas-sda');
    expect(parentUnitId(city, 'satpolpp-kec-317101')).toBe('satpolpp-3171');
    expect(parentUnitId(city, 'pemprov')).toBeNull();
    expect(parentUnitId(city, 'pln')).toBeNull();
    expect(() => parentUnitId(city, 'nope')).toThrow(/unknown unit "nope"/);
  });

  it('list the whole chain', async () => {
    const city = await loadJakarta();
    expect(unitChain(city, 'upppd-317401').map((u) => u.id)).toEqual(['upppd-317401', 'bapenda', 'pemprov']);
  });

  it('map every region to its general office', async () => {
    const city = await loadJakarta();
    expect(city.unitByRegion.get('31.71.01.1001')).toBe('kel-3171011001');
    expect(city.unitByRegion.get('31.71.01')).toBe('kec-317101');
    expect(city.unitByRegion.get('31.71')).toBe('walkot-3171');
    expect(city.unitByRegion.get('31')).toBe('pemprov');
    expect(city.unitByRegion.size).toBe(city.regions.size);
  });
});
