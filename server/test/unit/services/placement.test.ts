import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { interiorCandidates } from '../../../src/geo/interior-points.js';
import type { CityContext } from '../../../src/services/app/city-context.js';
import { placeInKelurahan, placeReport } from '../../../src/services/intake/placement.js';
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

describe('complaints about officials’ conduct (city.json conductCategories)', () => {
  const MANGGARAI = '31.74.01.1007';

  test.each(['jakarta', 'direct'] as const)(
    '%s mode: straight to the unit the rule names, never the offices of the place',
    async (mode) => {
      const ctx = withMode(await jakarta(), mode);
      const placed = placeInKelurahan(ctx, 'pungli', { code: MANGGARAI, how: 'alamat' });
      expect(placed.assignedUnitId).toBe('inspektorat');
      expect(placed.suggestedUnitId).toBeNull();
      expect(placed.kelurahanCode).toBe(MANGGARAI);
      expect(placed.rule).toMatch(/perilaku aparatur/);
    },
  );

  test('without a place, the category’s city-wide unit takes it', async () => {
    const placed = placeReport(await jakarta(), 'pungli', { text: 'oknum minta uang pelicin' });
    expect(placed.assignedUnitId).toBe('inspektorat');
    expect(placed.kelurahanCode).toBeNull();
  });

  test('a rule that points at an office of the place is overridden by the triage desk', async () => {
    const city = await jakarta();
    const ctx = {
      ...city,
      // lainnya's rule names the kelurahan office itself (kelurahan@kelurahan)
      city: { ...city.city, config: { ...city.city.config, conductCategories: ['lainnya'] } },
    };
    const placed = placeInKelurahan(ctx, 'lainnya', { code: MANGGARAI, how: 'alamat' });
    expect(placed.assignedUnitId).toBe(city.city.config.triageUnitId);
    expect(placed.rule).toMatch(/meja triase/);
  });

  test('an unsure model whose best guess is a conduct complaint sends the report to the triage desk', async () => {
    const ctx = await jakarta();
    const input = { text: 'ada yang minta uang di kantor', address: 'Kel. Manggarai' };
    expect(placeReport(ctx, 'lainnya', input).assignedUnitId).toBe(ctx.city.unitByRegion.get(MANGGARAI));
    const suspected = placeReport(ctx, 'lainnya', input, { suspectedConduct: true });
    expect(suspected.assignedUnitId).toBe(ctx.city.config.triageUnitId);
    expect(suspected.kelurahanCode).toBe(MANGGARAI);
    expect(suspected.rule).toMatch(/mungkin pengaduan perilaku aparatur/);
  });
});

describe('a report about a place outside the city', () => {
  test('without GPS, goes to the triage desk with the place seen in its history', async () => {
    const ctx = await jakarta();
    const placed = placeReport(ctx, 'banjir', { text: 'Tamansari Bandung banjir lagi, drainase kecil' });
    expect(placed.kelurahanCode).toBeNull();
    expect(placed.assignedUnitId).toBe(ctx.city.config.triageUnitId);
    expect(placed.rule).toBe(
      'teks laporan menyebut tempat di luar wilayah kota / the report text names a place outside the city: ' +
        'Kota Bandung (32.73) → meja triase',
    );
  });

  test('an address elsewhere wins over a kelurahan of the same name in the text', async () => {
    const ctx = await jakarta();
    const placed = placeReport(ctx, 'jalan', {
      address: 'Batu Ampar, Batam',
      text: 'jalan rusak di Kel. Batu Ampar',
    });
    expect(placed.kelurahanCode).toBeNull();
    expect(placed.rule).toMatch(
      /^alamat menyebut tempat di luar wilayah kota \/ the address names .*Batu Ampar \(21\.71\.02\)/,
    );
  });

  test('a same-name kelurahan alone stays in the city', async () => {
    const ctx = await jakarta();
    expect(placeReport(ctx, 'banjir', { address: 'Manggarai' }).kelurahanCode).toBe('31.74.01.1007');
  });

  test('GPS decides whatever the text names: interior points of every kelurahan, with a city elsewhere in the text', async () => {
    const ctx = await jakarta();
    const features = ctx.city.boundaries.kelurahan.features;
    const elsewhere = [...(ctx.city.elsewhere?.regions.values() ?? [])].filter((r) => r.level === 'kota');
    fc.assert(
      fc.property(fc.constantFrom(...features), fc.constantFrom(...elsewhere), (feature, region) => {
        const [lng, lat] = interiorCandidates(feature.geometry)[0] ?? [0, 0];
        const placed = placeReport(ctx, 'banjir', { lat, lng, text: `banjir di ${region.name}` });
        expect(placed.kelurahanCode).toBe(feature.properties.kode);
        expect(placed.rule).toMatch(/^gps → /);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
