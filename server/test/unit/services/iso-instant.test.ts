import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../../src/services/reads/iso-instant.js';

describe('isoInstant', () => {
  it('writes every instant as toISOString does', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(isoInstant(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('writes the edges of its own range and beyond as toISOString does', () => {
    for (const text of [
      '1000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '0999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
    ]) {
      const date = new Date(text);
      expect(isoInstant(date)).toBe(date.toISOString());
    }
    expect(() => isoInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
