import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MEDIAN_RELATIVE_ERROR,
  addHistograms,
  bucketMiddle,
  bucketOf,
  medianOf,
} from '../../../src/domain/duration-histogram.js';

describe('durations kept as histograms', () => {
  it('a bucket’s middle is within ±9.05% of every duration of a minute or more in it', () => {
    expect(MEDIAN_RELATIVE_ERROR).toBeCloseTo(0.0905, 4);
    fc.assert(
      fc.property(fc.double({ min: 60, max: 400 * 86_400, noNaN: true }), (seconds) => {
        const middle = bucketMiddle(bucketOf(seconds));
        expect(Math.abs(middle / seconds - 1)).toBeLessThanOrEqual(MEDIAN_RELATIVE_ERROR + 1e-12);
      }),
    );
  });

  it('the median of the histogram is within the same error of the true (lower) median', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60, max: 30 * 86_400 }), { minLength: 1, maxLength: 200 }),
        (durations) => {
          const histogram = addHistograms(new Map(durations.map((d) => [bucketOf(d), 0])));
          for (const d of durations) histogram.set(bucketOf(d), histogram.get(bucketOf(d))! + 1);
          const sorted = [...durations].sort((a, b) => a - b);
          const lowerMedian = sorted[Math.ceil(sorted.length / 2) - 1]!;
          const read = medianOf(histogram)!;
          expect(Math.abs(read / lowerMedian - 1)).toBeLessThanOrEqual(MEDIAN_RELATIVE_ERROR + 1e-12);
        },
      ),
    );
  });

  it('nothing counted has no median; under a minute counts in the first bucket', () => {
    expect(medianOf(new Map())).toBeNull();
    expect(medianOf(new Map([[3, 0]]))).toBeNull();
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(59)).toBe(0);
    expect(bucketOf(120)).toBe(4);
  });
});
