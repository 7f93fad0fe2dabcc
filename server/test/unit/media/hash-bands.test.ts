import { describe, expect, it } from 'vitest';
import {
  VIEW_MAX_DISTANCE,
  WHOLE_MAX_DISTANCE,
  bandNeighbours,
  bandRadius,
  candidateBands,
  hammingDistance,
  hashBands,
  matchDistance,
} from '../../../src/media/hash-bands.js';
import { mulberry32 } from '../../../src/domain/random.js';

const random = mulberry32(42);
const randomHash = () => Array.from({ length: 64 }, () => (random() < 0.5 ? '0' : '1')).join('');
function flip(hash: string, count: number): string {
  const bits = [...hash];
  const positions = new Set<number>();
  while (positions.size < count) positions.add(Math.floor(random() * 64));
  for (const p of positions) bits[p] = bits[p] === '0' ? '1' : '0';
  return bits.join('');
}

describe('hash bands', () => {
  it('splits a hash into four 16-bit integers, most significant first', () => {
    const hash = '1'.repeat(16) + '0'.repeat(15) + '1' + '0'.repeat(32);
    expect(hashBands(hash)).toEqual([65535, 1, 0, 0]);
    expect(() => hashBands('0101')).toThrow();
  });

  it('counts differing bits', () => {
    const a = randomHash();
    expect(hammingDistance(a, a)).toBe(0);
    expect(hammingDistance(a, flip(a, 9))).toBe(9);
  });

  it('lists every band value within a radius exactly once', () => {
    for (const [radius, count] of [
      [0, 1],
      [1, 17],
      [2, 137],
    ] as const) {
      const values = bandNeighbours(0b1010_0000_1111_0001, radius);
      expect(values).toHaveLength(count);
      expect(new Set(values).size).toBe(count);
      for (const v of values) {
        const bits = (v ^ 0b1010_0000_1111_0001).toString(2).replace(/0/g, '').length;
        expect(bits).toBeLessThanOrEqual(radius);
      }
    }
    expect(bandRadius(WHOLE_MAX_DISTANCE)).toBe(2);
    expect(bandRadius(VIEW_MAX_DISTANCE)).toBe(1);
  });

  it('never misses a hash within the threshold (pigeonhole), whichever bits differ', () => {
    for (let trial = 0; trial < 500; trial++) {
      const query = randomHash();
      const stored = flip(query, 1 + Math.floor(random() * WHOLE_MAX_DISTANCE));
      const candidates = candidateBands([query], WHOLE_MAX_DISTANCE);
      expect(hashBands(stored).some((band, i) => candidates[i]!.includes(band))).toBe(true);
      const viewStored = flip(query, 1 + Math.floor(random() * VIEW_MAX_DISTANCE));
      const viewCandidates = candidateBands([query], VIEW_MAX_DISTANCE);
      expect(hashBands(viewStored).some((band, i) => viewCandidates[i]!.includes(band))).toBe(true);
    }
  });

  it('the worst case just past a threshold is not a candidate: three bits in every band', () => {
    const query = '0'.repeat(64);
    const stored = Array.from({ length: 4 }, () => '111' + '0'.repeat(13)).join('');
    expect(hammingDistance(query, stored)).toBe(12);
    const candidates = candidateBands([query], WHOLE_MAX_DISTANCE);
    expect(hashBands(stored).some((band, i) => candidates[i]!.includes(band))).toBe(false);
  });

  it('matches whole pictures up to 11 bits and crops or caption probes up to 7', () => {
    const hash = randomHash();
    const far = () => flip(hash, 30);
    expect(matchDistance({ hash, crops: [] }, { hash: flip(hash, 11), probes: [] })).toBe(11);
    expect(matchDistance({ hash, crops: [] }, { hash: flip(hash, 12), probes: [] })).toBeNull();
    expect(matchDistance({ hash: far(), crops: [flip(hash, 7)] }, { hash, probes: [] })).toBe(7);
    expect(matchDistance({ hash: far(), crops: [flip(hash, 8)] }, { hash, probes: [] })).toBeNull();
    expect(matchDistance({ hash, crops: [] }, { hash: far(), probes: [far(), flip(hash, 5)] })).toBe(5);
  });
});
