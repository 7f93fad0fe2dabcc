import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CITY_DIR } from '../../../src/city/load-city.js';
import { areaContains, compileArea } from '../../../src/geo/compiled-area.js';
import { interiorCandidates } from '../../../src/geo/interior-points.js';
import { KelurahanLocator } from '../../../src/geo/kelurahan-locator.js';
import { mulberry32 } from '../../../src/domain/random.js';

type Area = Feature<Polygon | MultiPolygon, { kode: string; nama: string }>;

const square = (x0: number, y0: number, size: number): Position[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];
const collection = (geometries: (Polygon | MultiPolygon)[]): FeatureCollection<Polygon | MultiPolygon> => ({
  type: 'FeatureCollection',
  features: geometries.map((geometry, i) => ({
    type: 'Feature',
    properties: { kode: `K${i}`, nama: `Kel ${i}` },
    geometry,
  })),
});

/** The reference answer: the first feature in file order that turf says contains the point. */
function turfLocator(features: Feature<Polygon | MultiPolygon>[]) {
  const boxes = features.map((f) => bbox(f));
  return (x: number, y: number): string | null => {
    const i = features.findIndex((f, k) => {
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = boxes[k] ?? [];
      return x >= x0 && x <= x1 && y >= y0 && y <= y1 && booleanPointInPolygon([x, y], f);
    });
    return i < 0 ? null : String(features[i]?.properties?.kode);
  };
}

describe('compiled areas (even-odd ray casting)', () => {
  it('leaves holes out, in a Polygon and in one part of a MultiPolygon', () => {
    const holed = compileArea({ type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] });
    expect(areaContains(holed, 1, 1)).toBe(true);
    expect(areaContains(holed, 5, 5)).toBe(false);
    expect(areaContains(holed, 11, 5)).toBe(false);
    const multi = compileArea({
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 2)]],
    });
    expect(areaContains(multi, 5, 5)).toBe(false);
    expect(areaContains(multi, 9, 9)).toBe(true);
    expect(areaContains(multi, 21, 1)).toBe(true);
    expect(areaContains(multi, 15, 1)).toBe(false);
  });

  it('closes rings that do not repeat their first vertex', () => {
    const open = compileArea({ type: 'Polygon', coordinates: [square(0, 0, 2).slice(0, 4)] });
    expect(areaContains(open, 1, 1)).toBe(true);
    expect(areaContains(open, 3, 1)).toBe(false);
  });

  it('gives a point on an edge shared by two neighbours to exactly one of them', () => {
    const left = compileArea({ type: 'Polygon', coordinates: [square(0, 0, 1)] });
    const right = compileArea({ type: 'Polygon', coordinates: [square(1, 0, 1)] });
    for (const y of [0.25, 0.5, 0.75]) {
      expect(Number(areaContains(left, 1, y)) + Number(areaContains(right, 1, y))).toBe(1);
    }
  });

  it('rejects a geometry without a usable ring', () => {
    expect(() =>
      compileArea({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      }),
    ).toThrow(/no ring/);
  });

  it('rejects coordinates that are not numbers', () => {
    expect(() =>
      compileArea({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [Number.NaN, 1],
            [0, 0],
          ],
        ],
      }),
    ).toThrow(/not a number/);
  });
});

describe('KelurahanLocator overlaps and holes', () => {
  it('gives an overlap to the first feature in file order, also where a later one covers whole cells', () => {
    const big: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10)] };
    const small: Polygon = { type: 'Polygon', coordinates: [square(2, 2, 1)] };
    const smallFirst = KelurahanLocator.fromGeoJSON(collection([small, big]));
    expect(smallFirst.locate(2.5, 2.5)?.code).toBe('K0');
    expect(smallFirst.locate(5, 5)?.code).toBe('K1');
    const bigFirst = KelurahanLocator.fromGeoJSON(collection([big, small]));
    expect(bigFirst.locate(2.5, 2.5)?.code).toBe('K0');
  });

  it('agrees with turf on random points around star-shaped areas with holes and several parts', () => {
    const random = mulberry32(7);
    const star = (cx: number, cy: number, r0: number, r1: number): Position[] => {
      const ring: Position[] = [];
      for (let k = 0; k < 24; k++) {
        const angle = (2 * Math.PI * k) / 24;
        const r = r0 + random() * (r1 - r0);
        ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
      }
      return [...ring, ring[0] ?? []];
    };
    const geometries: (Polygon | MultiPolygon)[] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const part = [star(i * 3, j * 3, 1.2, 1.6), star(i * 3, j * 3, 0.3, 0.6).reverse()];
        geometries.push(
          (i + j) % 2 === 0
            ? { type: 'Polygon', coordinates: part }
            : { type: 'MultiPolygon', coordinates: [part, [star(i * 3 + 1.5, j * 3 + 1.5, 0.1, 0.3)]] },
        );
      }
    }
    const fc = collection(geometries);
    const locator = KelurahanLocator.fromGeoJSON(fc);
    const reference = turfLocator(fc.features);
    let inHoles = 0;
    for (let n = 0; n < 20_000; n++) {
      const x = -2 + random() * 13;
      const y = -2 + random() * 13;
      const expected = reference(x, y);
      expect(locator.locate(y, x)?.code ?? null, `${x},${y}`).toBe(expected);
      const [cx, cy] = [Math.round(x / 3) * 3, Math.round(y / 3) * 3];
      if (expected === null && Math.hypot(x - cx, y - cy) < 0.3 && cx <= 9 && cy <= 9) inHoles++;
    }
    expect(inHoles).toBeGreaterThan(100);
  });
});

describe('KelurahanLocator on the Jakarta boundaries, against turf', async () => {
  const fc = JSON.parse(
    await readFile(join(DEFAULT_CITY_DIR, 'boundaries', 'kelurahan.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { kode: string; nama: string }>;
  const locator = KelurahanLocator.fromGeoJSON(fc);
  const reference = turfLocator(fc.features);
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox(fc);

  it.each([
    ['the whole city bounding box (mostly sea around Kepulauan Seribu)', 200_000, [minX, minY, maxX, maxY]],
    ['the mainland', 100_000, [106.68, -6.38, 106.98, -6.08]],
  ] as const)('agrees on seeded random points across %s', (_name, count, [x0, y0, x1, y1]) => {
    const random = mulberry32(count);
    let found = 0;
    for (let n = 0; n < count; n++) {
      const x = x0 + random() * (x1 - x0);
      const y = y0 + random() * (y1 - y0);
      const expected = reference(x, y);
      const actual = locator.locate(y, x)?.code ?? null;
      if (actual !== expected) expect(actual, `${y},${x}`).toBe(expected);
      if (actual !== null) found++;
    }
    expect(found).toBeGreaterThan(count * 0.05);
  });

  it('maps interior points of every kelurahan back to it', () => {
    for (const feature of fc.features as Area[]) {
      const others = fc.features.filter((f) => f !== feature);
      const points = interiorCandidates(feature.geometry)
        .filter(([x = 0, y = 0]) => !others.some((f) => booleanPointInPolygon([x, y], f)))
        .slice(0, 3);
      expect(points.length, feature.properties.kode).toBeGreaterThan(0);
      for (const [x = 0, y = 0] of points) expect(locator.locate(y, x)?.code).toBe(feature.properties.kode);
    }
  });
});
