import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointOnFeature } from '@turf/point-on-feature';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CITY_DIR } from '../../../src/city/load-city.js';
import { KelurahanLocator } from '../../../src/geo/kelurahan-locator.js';

type Boundaries = FeatureCollection<Polygon | MultiPolygon, { kode: string; nama: string }>;

const FILE = join(DEFAULT_CITY_DIR, 'boundaries', 'kelurahan.geojson');
let boundaries: Boundaries;
let locator: KelurahanLocator;

beforeAll(async () => {
  boundaries = JSON.parse(await readFile(FILE, 'utf8')) as Boundaries;
  locator = await KelurahanLocator.fromFile(FILE);
});

describe('KelurahanLocator on the Jakarta boundaries', () => {
  it('indexes all 267 kelurahan', () => {
    expect(locator.size).toBe(267);
    expect(new Set(locator.codes()).size).toBe(267);
  });

  it('maps the representative point of every kelurahan back to that kelurahan', () => {
    for (const feature of boundaries.features) {
      const { kode, nama } = feature.properties;
      const point = locator.centroidOf(kode);
      expect(point, kode).not.toBeNull();
      const { lat, lng } = point ?? { lat: NaN, lng: NaN };
      expect(
        booleanPointInPolygon([lng, lat], feature, { ignoreBoundary: true }),
        `${kode} strictly inside`,
      ).toBe(true);
      expect(locator.locate(lat, lng), kode).toEqual({ code: kode, name: nama });
    }
  });

  it('agrees with @turf/point-on-feature wherever that point is strictly inside', () => {
    let checked = 0;
    for (const feature of boundaries.features) {
      const [lng = NaN, lat = NaN] = pointOnFeature(feature).geometry.coordinates;
      const inside = booleanPointInPolygon([lng, lat], feature, { ignoreBoundary: true });
      const others = boundaries.features.filter((f) => f !== feature && booleanPointInPolygon([lng, lat], f));
      if (!inside || others.length > 0) continue; // a boundary vertex or a sliver shared by simplified polygons
      expect(locator.locate(lat, lng)?.code).toBe(feature.properties.kode);
      checked++;
    }
    expect(checked).toBeGreaterThan(240);
  });

  it('finds well-known places', () => {
    expect(locator.locate(-6.1754, 106.8272)?.name).toBe('Gambir'); // Monas
    expect(locator.locate(-6.2099, 106.8502)?.name).toBe('Manggarai'); // Stasiun Manggarai
    expect(locator.locate(-6.3125, 106.8204)?.name).toBe('Ragunan'); // Kebun Binatang Ragunan
    expect(locator.locate(-5.7454, 106.6136)?.name).toBe('Pulau Panggang'); // Pulau Pramuka
  });

  it.each([
    ['the Java Sea north of Ancol', -6.0, 106.85],
    ['Bogor', -6.595, 106.8],
    ['Kota Tangerang', -6.178, 106.63],
    ['Soekarno-Hatta airport (Tangerang)', -6.1256, 106.6559],
    ['Bintaro, Tangerang Selatan', -6.2836, 106.7113],
    ['Depok', -6.4, 106.82],
    ['Bekasi', -6.2383, 107.0],
    ['the Java Sea between the Thousand Islands', -5.9, 106.6],
    ['Jakarta Bay off Muara Angke', -6.08, 106.76],
    ['Teluk Naga, Kabupaten Tangerang', -6.06, 106.64],
    ['Ciledug, Kota Tangerang', -6.231, 106.708],
    ['Pamulang, Tangerang Selatan', -6.343, 106.739],
    ['Pondok Gede, Bekasi', -6.285, 106.935],
    ['Bekasi Barat', -6.235, 106.975],
    ['Margonda, Depok', -6.39, 106.83],
    ['Sawangan, Depok', -6.4, 106.77],
    ['(0, 0)', 0, 0],
  ])('returns null outside the service area: %s', (_name, lat, lng) => {
    expect(locator.locate(lat, lng)).toBeNull();
  });

  it('returns null for coordinates that are not real', () => {
    expect(locator.locate(NaN, 106.8272)).toBeNull();
    expect(locator.locate(-6.1754, Infinity)).toBeNull();
    expect(locator.locate(-95, 106.8)).toBeNull();
    expect(locator.locate(-6.1754, 190)).toBeNull();
  });

  it('hands out the same frozen hit for every point of a kelurahan', () => {
    const a = locator.locate(-6.1754, 106.8272);
    expect(a).toBe(locator.locate(-6.1755, 106.8273));
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('has no representative point for an unknown code', () => {
    expect(locator.centroidOf('31.71.01.9999')).toBeNull();
  });
});

describe('KelurahanLocator geometry rules', () => {
  const square = (x0: number, y0: number, size: number) => [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  const fc = (features: { kode: string; geometry: Polygon | MultiPolygon }[]): FeatureCollection => ({
    type: 'FeatureCollection',
    features: features.map(({ kode, geometry }) => ({
      type: 'Feature',
      properties: { kode, nama: `Kel ${kode}` },
      geometry,
    })),
  });

  it('respects holes: a point in a hole belongs to whatever fills it, or to nothing', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
    const withIsland = KelurahanLocator.fromGeoJSON(
      fc([
        { kode: 'A', geometry: ring },
        { kode: 'B', geometry: { type: 'Polygon', coordinates: [square(4, 4, 2)] } },
      ]),
    );
    expect(withIsland.locate(1, 1)?.code).toBe('A');
    expect(withIsland.locate(5, 5)?.code).toBe('B');
    const alone = KelurahanLocator.fromGeoJSON(fc([{ kode: 'A', geometry: ring }]));
    expect(alone.locate(5, 5)).toBeNull();
    const centre = alone.centroidOf('A');
    expect(alone.locate(centre?.lat ?? NaN, centre?.lng ?? NaN)?.code).toBe('A');
  });

  it('handles MultiPolygons (island groups) without covering the water between them', () => {
    const islands: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]],
    };
    const loc = KelurahanLocator.fromGeoJSON(fc([{ kode: 'P', geometry: islands }]));
    expect(loc.locate(0.5, 0.5)?.code).toBe('P');
    expect(loc.locate(5.5, 5.5)?.code).toBe('P');
    expect(loc.locate(3, 3)).toBeNull();
    const point = loc.centroidOf('P');
    expect(loc.locate(point?.lat ?? NaN, point?.lng ?? NaN)?.code).toBe('P');
  });

  it('finds an interior point of a U-shaped kelurahan whose centre lies outside it', () => {
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const loc = KelurahanLocator.fromGeoJSON(fc([{ kode: 'U', geometry: u }]));
    const point = loc.centroidOf('U');
    expect(booleanPointInPolygon([point?.lng ?? NaN, point?.lat ?? NaN], u, { ignoreBoundary: true })).toBe(
      true,
    );
  });

  it('reads other property names when told', () => {
    const loc = KelurahanLocator.fromGeoJSON(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: 'X1', label: 'Desa X' },
            geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] },
          },
        ],
      },
      { codeProperty: 'code', nameProperty: 'label' },
    );
    expect(loc.locate(0.5, 0.5)).toEqual({ code: 'X1', name: 'Desa X' });
  });

  it('rejects features without a code or with a non-area geometry', () => {
    const bad: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { kode: 'A' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    expect(() => KelurahanLocator.fromGeoJSON(bad)).toThrow(/feature #0/);
    expect(() => KelurahanLocator.fromGeoJSON({ type: 'FeatureCollection', features: [] })).toThrow(
      /no features/,
    );
  });
});
