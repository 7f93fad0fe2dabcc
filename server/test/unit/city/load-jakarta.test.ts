import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CITY_DIR } from '../../../src/city/load-city.js';
import { regionsAtLevel } from '../../../src/city/regions.js';
import { routeReport } from '../../../src/city/routing.js';
import { parentUnitId, unitChain } from '../../../src/city/units.js';
import { unitsCsv } from '../../../scripts/build-jakarta-units.js';
import { loadJakarta } from './jakarta-city.js';

// The interface codes of /work/shared/domain/categories.md, in its order.
const CATEGORY_CODES = [
  'jalan',
  'trotoar',
  'penerangan_jalan',
  'pohon',
  'taman',
  'sampah',
  'pencemaran',
  'banjir',
  'saluran_air',
  'air_bersih',
  'listrik',
  'jaringan_komunikasi',
  'parkir_liar',
  'lalu_lintas',
  'transportasi_publik',
  'pkl',
  'ketertiban',
  'pelanggaran_perda',
  'bangunan',
  'fasum',
  'kesehatan',
  'pendidikan',
  'sosial',
  'kependudukan',
  'pajak',
  'kebakaran',
  'pungli',
  'perumahan',
  'umkm',
  'lainnya',
];

describe('the shipped Jakarta data folder', () => {
  it('has the province, 6 kota/kabupaten, 44 kecamatan and 267 kelurahan', async () => {
    const city = await loadJakarta();
    expect(regionsAtLevel(city, 'provinsi').map((r) => r.code)).toEqual(['31']);
    expect(regionsAtLevel(city, 'kota')).toHaveLength(6);
    expect(regionsAtLevel(city, 'kecamatan')).toHaveLength(44);
    expect(regionsAtLevel(city, 'kelurahan')).toHaveLength(267);
    expect(city.regions.get('31.71.01.1001')).toEqual({
      code: '31.71.01.1001',
      level: 'kelurahan',
      name: 'Gambir',
      parentCode: '31.71.01',
    });
  });

  it('has exactly the 30 reference category codes, each with an SLA policy', async () => {
    const city = await loadJakarta();
    expect([...city.categories.keys()]).toEqual(CATEGORY_CODES);
    expect([...city.slaPolicies.keys()].sort()).toEqual([...CATEGORY_CODES].sort());
    expect(city.slaPolicies.get('kebakaran')?.clock).toBe('calendar');
    expect(city.slaPolicies.get('jalan')).toEqual({
      category: 'jalan',
      responseHours: 8,
      completionHours: 40,
      clock: 'working',
    });
  });

  it('reads city.json and points its special units at existing units', async () => {
    const city = await loadJakarta();
    expect(city.dir).toBe(DEFAULT_CITY_DIR.replace(/\/$/, ''));
    expect(city.config).toMatchObject({
      id: 'jakarta',
      provinceCode: '31',
      ticketPrefix: 'JK',
      timeZone: 'Asia/Jakarta',
    });
    expect(city.units.get(city.config.triageUnitId)?.kind).toBe('crm');
    expect(city.config.verifierUnitId).toBe('biro-pemerintahan');
    expect(city.units.get(city.config.revealAuthorityUnitId)?.name).toContain('Jakarta Smart City');
  });

  it('routes every category from every kelurahan to an existing unit', async () => {
    const city = await loadJakarta();
    for (const kelurahan of regionsAtLevel(city, 'kelurahan')) {
      for (const category of CATEGORY_CODES) {
        const { unitId, ruleText } = routeReport(city, category, kelurahan.code);
        expect(city.units.has(unitId), `${category} @ ${kelurahan.code} → ${unitId}`).toBe(true);
        expect(ruleText).toMatch(/^routing\.csv:\d+ /);
      }
    }
  });

  it('sends Suku Dinas categories to the Sudin of the kota where the report is', async () => {
    const city = await loadJakarta();
    for (const kelurahan of regionsAtLevel(city, 'kelurahan')) {
      const kota = kelurahan.code.slice(0, 5);
      const sudin = city.units.get(routeReport(city, 'jalan', kelurahan.code).unitId);
      expect(sudin).toMatchObject({ kind: 'suku_dinas', sector: 'bina-marga', regionCode: kota });
      const satpol = city.units.get(routeReport(city, 'pkl', kelurahan.code).unitId);
      expect(satpol).toMatchObject({ kind: 'satpol_pp', regionCode: kelurahan.parentCode });
      expect(routeReport(city, 'fasum', kelurahan.code).unitId).toBe(city.unitByRegion.get(kelurahan.code));
    }
  });

  it('follows the default handlers of categories.md', async () => {
    const city = await loadJakarta();
    const route = (category: string) => routeReport(city, category, '31.74.01.1001').unitId;
    expect(route('pohon')).toBe('sudin-pertamanan-3174');
    expect(route('banjir')).toBe('sudin-sda-3174');
    expect(route('air_bersih')).toBe('pam-jaya');
    expect(route('listrik')).toBe('pln');
    expect(route('transportasi_publik')).toBe('dinas-perhubungan');
    expect(route('pelanggaran_perda')).toBe('satpolpp-3174');
    expect(route('pajak')).toBe('upppd-317401');
    expect(route('pungli')).toBe('inspektorat');
    expect(route('perumahan')).toBe('dinas-perumahan');
    expect(route('lainnya')).toBe('kel-3174011001');
  });

  it('has a kelurahan office for every kelurahan, whose parents climb kecamatan → wali kota → pemprov', async () => {
    const city = await loadJakarta();
    for (const kelurahan of regionsAtLevel(city, 'kelurahan')) {
      const unitId = city.unitByRegion.get(kelurahan.code) ?? '';
      const chain = unitChain(city, unitId);
      expect(chain.map((u) => u.kind)).toEqual(['kelurahan', 'kecamatan', 'walikota', 'pemda']);
      expect(chain[1]?.regionCode).toBe(kelurahan.parentCode);
      expect(chain[2]?.regionCode).toBe(kelurahan.code.slice(0, 5));
    }
  });

  it('escalates every Suku Dinas to the Dinas of its sector', async () => {
    const city = await loadJakarta();
    const sudins = [...city.units.values()].filter((u) => u.kind === 'suku_dinas');
    expect(sudins).toHaveLength(6 * 13);
    for (const sudin of sudins) {
      const dinas = city.units.get(parentUnitId(city, sudin.id) ?? '');
      expect(dinas).toMatchObject({ kind: 'dinas', sector: sudin.sector });
    }
  });

  it('ends every parent chain at the city government or at an external body', async () => {
    const city = await loadJakarta();
    for (const unit of city.units.values()) {
      const top = unitChain(city, unit.id).at(-1);
      expect(top?.parentId).toBeNull();
      expect(['pemprov', 'pln', 'bpn', 'polda-metro-jaya']).toContain(top?.id);
    }
  });

  it('stops escalation below the Sekretariat Daerah (escalation.topKinds)', async () => {
    const city = await loadJakarta();
    const top = new Set<string>(city.config.escalation.topKinds);
    for (const unit of city.units.values()) {
      const climb = unitChain(city, unit.id);
      const stop = climb.findIndex((u) => top.has(u.kind));
      const reached = stop < 0 ? climb : climb.slice(0, stop + 1);
      if (unit.id !== 'pemprov')
        expect(
          reached.map((u) => u.id),
          unit.id,
        ).not.toContain('pemprov');
    }
  });

  it('lists holidays of 2025–2027 as dates', async () => {
    const city = await loadJakarta();
    expect(city.holidays.has('2025-03-31')).toBe(true);
    expect(city.holidays.has('2026-08-17')).toBe(true);
    expect(city.holidays.has('2027-12-25')).toBe(true);
    for (const date of city.holidays) expect(date).toMatch(/^202[5-7]-\d{2}-\d{2}$/);
  });

  it('has a kelurahan polygon for every kelurahan code, with matching names', async () => {
    const city = await loadJakarta();
    const features = city.boundaries.kelurahan.features;
    expect(features).toHaveLength(267);
    for (const f of features) expect(city.regions.get(f.properties.kode)?.name).toBe(f.properties.nama);
    expect(city.boundaries.kecamatan?.features).toHaveLength(44);
    expect(city.boundaries.kota?.features).toHaveLength(6);
  });

  it('keeps units.csv reproducible from regions.csv by the generator script', async () => {
    const expected = unitsCsv(join(DEFAULT_CITY_DIR, 'regions.csv'));
    expect(await readFile(join(DEFAULT_CITY_DIR, 'units.csv'), 'utf8')).toBe(expected);
  });
});
