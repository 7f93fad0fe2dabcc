import { afterEach, describe, expect, it } from 'vitest';
import { loadCity } from '../../../src/city/load-city.js';
import { routeReport, RoutingError } from '../../../src/city/routing.js';
import { copyOfJakarta, loadJakarta } from './jakarta-city.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('routeReport', () => {
  it('resolves a kind:sector@level template to the unit of the report’s kota and names the rule', async () => {
    const city = await loadJakarta();
    expect(routeReport(city, 'jalan', '31.73.05.1001')).toEqual({
      unitId: 'sudin-bina-marga-3173',
      ruleText: 'routing.csv:6 jalan,*,suku_dinas:bina-marga@kota',
    });
  });

  it('prefers the rule with the more specific region', async () => {
    const city = await loadJakarta();
    expect(routeReport(city, 'transportasi_publik', '31.01.02.1002')).toMatchObject({
      unitId: 'sudin-perhubungan-3101',
      ruleText: expect.stringContaining('transportasi_publik,31.01,') as unknown,
    });
    expect(routeReport(city, 'transportasi_publik', '31.71.01.1001').unitId).toBe('dinas-perhubungan');
  });

  it('resolves a kind@level template without a sector when one unit of that kind sits there', async () => {
    const city = await loadJakarta();
    expect(routeReport(city, 'ketertiban', '31.75.10.1008').unitId).toBe('satpolpp-kec-317510');
    expect(routeReport(city, 'lainnya', '31.75.10.1008').unitId).toBe('kel-3175101008');
  });

  it('throws on an unknown category or a code that is not a kelurahan', async () => {
    const city = await loadJakarta();
    expect(() => routeReport(city, 'jalan_rusak', '31.71.01.1001')).toThrow(RoutingError);
    expect(() => routeReport(city, 'jalan', '31.71.01')).toThrow(/"31\.71\.01" is not a kelurahan code/);
    expect(() => routeReport(city, 'jalan', '99.99.99.9999')).toThrow(RoutingError);
  });

  it('lets a kelurahan-level rule override the kota and city-wide rules (data only)', async () => {
    const copy = await copyOfJakarta();
    cleanup = copy.remove;
    await copy.edit(
      'routing.csv',
      (t) => `${t}sampah,31.71,dinas-lingkungan-hidup\nsampah,31.71.01.1001,kel-3171011001\n`,
    );
    const city = await loadCity(copy.dir);
    expect(routeReport(city, 'sampah', '31.71.01.1001').unitId).toBe('kel-3171011001');
    expect(routeReport(city, 'sampah', '31.71.01.1002').unitId).toBe('dinas-lingkungan-hidup');
    expect(routeReport(city, 'sampah', '31.72.01.1001').unitId).toBe('sudin-lingkungan-hidup-3172');
  });

  it('refuses at load time a template that matches more than one unit', async () => {
    const copy = await copyOfJakarta();
    cleanup = copy.remove;
    await copy.edit('routing.csv', (t) =>
      t.replace('jalan,*,suku_dinas:bina-marga@kota', 'jalan,*,suku_dinas@kota'),
    );
    await expect(loadCity(copy.dir)).rejects.toThrow(
      /routing\.csv:6: .*more than one suku_dinas unit in 31\.\d\d .*name a sector/,
    );
  });
});
