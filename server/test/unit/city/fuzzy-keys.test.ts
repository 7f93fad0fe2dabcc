import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { FuzzyKeys } from '../../../src/city/fuzzy-keys.js';
import { allowedDistance } from '../../../src/city/place-index.js';
import { mulberry32 } from '../../../src/domain/random.js';

describe('FuzzyKeys', () => {
  it('finds keys within the distance their length allows, nearest first', () => {
    const keys = new FuzzyKeys(['cikini', 'rawamangun', 'galur', 'kemayoran'], allowedDistance);
    expect(keys.find('cikiny')).toEqual([{ key: 'cikini', distance: 1 }]);
    expect(keys.find('cekiny')).toEqual([]);
    expect(keys.find('rawamanggung')).toEqual([{ key: 'rawamangun', distance: 2 }]);
    expect(keys.find('galor')).toEqual([]);
    expect(keys.find('cikini')).toEqual([]);
    expect(keys.has('kemayoan')).toBe(true);
    expect(keys.has('kemayo')).toBe(false);
  });

  it('agrees with comparing against every key, on seeded random near-misses', () => {
    const random = mulberry32(11);
    const letters = 'aeiknrstu';
    const word = (n: number) =>
      Array.from({ length: n }, () => letters[Math.floor(random() * letters.length)]).join('');
    const stored = Array.from({ length: 300 }, () => word(4 + Math.floor(random() * 12)));
    const keys = new FuzzyKeys(stored, allowedDistance);
    const mutate = (w: string) => {
      const i = Math.floor(random() * (w.length + 1));
      const c = letters[Math.floor(random() * letters.length)] ?? 'a';
      const op = Math.floor(random() * 3);
      return op === 0 ? w.slice(0, i) + c + w.slice(i) : w.slice(0, i) + (op === 1 ? c : '') + w.slice(i + 1);
    };
    for (let n = 0; n < 2000; n++) {
      let query = stored[Math.floor(random() * stored.length)] ?? '';
      for (let k = Math.floor(random() * 3); k >= 0; k--) query = mutate(query);
      const expected = [...new Set(stored)]
        .filter((key) => key !== query && distance(query, key) <= allowedDistance(key.length))
        .sort();
      expect(
        keys
          .find(query)
          .map((h) => h.key)
          .sort(),
        query,
      ).toEqual(expected);
    }
  });
});
