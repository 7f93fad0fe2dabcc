import { describe, expect, test } from 'vitest';
import type { CityContext } from '../../../src/services/city-context.js';
import { placeInKelurahan, placeReport } from '../../../src/services/placement.js';
import { jakarta } from '../../support/test-app.js';

const GAMBIR = '31.71.01.1001';

/** The same city with another routing mode: a city changes it in city.json, not in code. */
function withMode(ctx: CityContext, routingMode: 'jakarta' | 'direct'): CityContext {
  return { ...ctx, city: { ...ctx.city, config: { ...ctx.city.config, routingMode } } };
}

describe('placement by the routing rules, in both modes', () => {
  test('Jakarta practice: the report lands at the kelurahan, the responsible office is suggested', async () => {
    const ctx = withMode(await jakarta(), 'jakarta');
    const placed = placeInKelurahan(ctx, 'pohon', { code: GAMBIR, how: 'gps' });
    expect(placed.assignedUnitId).toBe(ctx.city.unitByRegion.get(GAMBIR));
    expect(placed.suggestedUnitId).toMatch(/pertamanan/);
    expect(placed.rule).toMatch(/^gps → 31\.71\.01\.1001; /);
    expect(placed.mode).toBe('jakarta');
  });

  test('direct: the report goes straight to the responsible office', async () => {
    const ctx = withMode(await jakarta(), 'direct');
    const placed = placeInKelurahan(ctx, 'pohon', { code: GAMBIR, how: 'gps' });
    expect(placed.assignedUnitId).toMatch(/pertamanan/);
    expect(placed.suggestedUnitId).toBeNull();
    expect(placed.mode).toBe('direct');
  });

  test('lainnya stays with the kelurahan for triage in either mode; an unknown place goes to the triage desk', async () => {
    for (const mode of ['jakarta', 'direct'] as const) {
      const ctx = withMode(await jakarta(), mode);
      const placed = placeInKelurahan(ctx, 'lainnya', { code: GAMBIR, how: 'gps' });
      expect(placed.assignedUnitId, mode).toBe(ctx.city.unitByRegion.get(GAMBIR));
      const nowhere = placeInKelurahan(ctx, 'pohon', null);
      expect(nowhere.assignedUnitId).toBe(ctx.city.config.triageUnitId);
    }
  });

  test('without GPS, a place named in the complaint is used when the address names none', async () => {
    const ctx = await jakarta();
    const placed = placeReport(ctx, 'pohon', {
      address: 'rumah saya',
      text: 'pohon tumbang di Kelurahan Gambir, Kecamatan Gambir, Jakarta Pusat',
    });
    expect(placed.kelurahanCode).toBe(GAMBIR);
    expect(placed.rule).toMatch(/^teks laporan → /);
    expect(
      placeReport(ctx, 'pohon', { address: 'rumah saya', text: 'pohon tumbang' }).kelurahanCode,
    ).toBeNull();
  });
});
