import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../src/domain/random.js';
import { boundingBox, haversineMeters, jaccard, mustShareOneOf } from '../../../src/domain/similarity.js';

// Monas, in Kelurahan Gambir
const MONAS = { lat: -6.1754, lng: 106.8272 };
/** A point `meters` from the start on a compass bearing, on a sphere. */
function offset(lat: number, lng: number, meters: number, bearingDeg: number) {
  const R = 6_371_008.8;
  const d = meters / R;
  const b = (bearingDeg * Math.PI) / 180;
  const p1 = (lat * Math.PI) / 180;
  const l1 = (lng * Math.PI) / 180;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 =
    l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: (p2 * 180) / Math.PI, lng: (l2 * 180) / Math.PI };
}

describe('haversineMeters', () => {
  test('zero for the same point, symmetric', () => {
    expect(haversineMeters(MONAS.lat, MONAS.lng, MONAS.lat, MONAS.lng)).toBe(0);
    const a = haversineMeters(-6.2, 106.8, -6.21, 106.81);
    expect(haversineMeters(-6.21, 106.81, -6.2, 106.8)).toBeCloseTo(a, 6);
  });

  test('one degree of latitude is about 111.2 km; Monas to Bundaran HI is about 2.2 km', () => {
    expect(haversineMeters(0, 0, 1, 0)).toBeCloseTo(111_195, -1);
    expect(haversineMeters(MONAS.lat, MONAS.lng, -6.1949, 106.8231)).toBeGreaterThan(2_100);
    expect(haversineMeters(MONAS.lat, MONAS.lng, -6.1949, 106.8231)).toBeLessThan(2_300);
  });

  test.each([0, 45, 90, 135, 180, 270])('a point 100 m away on bearing %i° measures 100 m', (bearing) => {
    const p = offset(MONAS.lat, MONAS.lng, 100, bearing);
    expect(haversineMeters(MONAS.lat, MONAS.lng, p.lat, p.lng)).toBeCloseTo(100, 3);
  });
});

describe('boundingBox', () => {
  test.each([0, 30, 45, 90, 180, 225, 315])(
    'contains a point just inside the radius on bearing %i°',
    (bearing) => {
      for (const centre of [MONAS, { lat: 60, lng: 10 }, { lat: -45, lng: 170 }]) {
        const box = boundingBox(centre.lat, centre.lng, 150);
        const p = offset(centre.lat, centre.lng, 149.9, bearing);
        expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
        expect(p.lat).toBeLessThanOrEqual(box.maxLat);
        expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
        expect(p.lng).toBeLessThanOrEqual(box.maxLng);
      }
    },
  );

  test('is tight: a point 200 m north or east falls outside a 150 m box', () => {
    const box = boundingBox(MONAS.lat, MONAS.lng, 150);
    expect(offset(MONAS.lat, MONAS.lng, 200, 0).lat).toBeGreaterThan(box.maxLat);
    expect(offset(MONAS.lat, MONAS.lng, 200, 90).lng).toBeGreaterThan(box.maxLng);
  });
});

describe('jaccard', () => {
  const set = (...words: string[]) => new Set(words);
  test('identical sets score 1, disjoint 0, empty 0', () => {
    expect(jaccard(set('a', 'b'), ['b', 'a'])).toBe(1);
    expect(jaccard(set('a'), ['b'])).toBe(0);
    expect(jaccard(set(), [])).toBe(0);
    expect(jaccard(set('a'), [])).toBe(0);
    expect(jaccard(set(), ['a'])).toBe(0);
  });
  test('shared over union, symmetric', () => {
    expect(jaccard(set('a', 'b', 'c'), ['b', 'c', 'd'])).toBeCloseTo(2 / 4);
    expect(jaccard(set('b', 'c', 'd', 'e'), ['a', 'b'])).toBeCloseTo(1 / 5);
    expect(jaccard(set('a', 'b'), ['b', 'c', 'd', 'e'])).toBeCloseTo(1 / 5);
  });
});

describe('mustShareOneOf', () => {
  const set = (...words: string[]) => new Set(words);
  test('keeps |A| − ⌈t·|A|⌉ + 1 words, longest first', () => {
    expect(mustShareOneOf(set('jalan', 'rusak', 'lubang', 'besar', 'x'), 0.6)).toEqual([
      'lubang',
      'besar',
      'jalan',
    ]);
    expect(mustShareOneOf(set('a', 'b', 'c'), 1)).toHaveLength(1);
    expect(mustShareOneOf(set('a', 'b', 'c', 'd', 'e'), 0.6)).toHaveLength(3);
    expect(mustShareOneOf(set('a', 'b'), 0)).toEqual([]);
    expect(mustShareOneOf(set(), 0.6)).toEqual([]);
  });

  test('every set similar enough shares one of them (200,000 random pairs over a small vocabulary)', () => {
    const random = mulberry32(7);
    const vocabulary = Array.from({ length: 14 }, (_, i) => 'w'.repeat(1 + (i % 5)) + i);
    const randomSet = () => new Set(vocabulary.filter(() => random() < 0.4));
    let similarPairs = 0;
    for (let i = 0; i < 200_000; i++) {
      const threshold = [0.3, 0.5, 0.6, 0.75, 0.8, 1][i % 6]!;
      const a = randomSet();
      const b = randomSet();
      if (a.size === 0 || jaccard(a, [...b]) < threshold) continue;
      similarPairs++;
      expect(mustShareOneOf(a, threshold).some((word) => b.has(word))).toBe(true);
    }
    expect(similarPairs).toBeGreaterThan(1000);
  });
});
