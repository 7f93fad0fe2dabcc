import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  byLeaguePerformance,
  type LeagueCounts,
  wilsonLowerBound,
} from '../../../src/domain/league-order.js';

const unit = (code: string, resolved: number, resolvedOnTime: number, received = resolved, done = resolved) =>
  ({ code, received, resolved, resolvedOnTime, done }) satisfies LeagueCounts;

describe('league order', () => {
  test('one report done on time does not rank above sixty of sixty-one', () => {
    const lucky = unit('kel.a', 1, 1);
    const steady = unit('kel.b', 61, 60);
    expect([lucky, steady].sort(byLeaguePerformance).map((u) => u.code)).toEqual(['kel.b', 'kel.a']);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.2065, 3);
    expect(wilsonLowerBound(60, 61)).toBeCloseTo(0.9127, 3);
  });

  test('with many reports behind both, the higher share still ranks first', () => {
    const better = unit('kel.a', 500, 480);
    const worse = unit('kel.b', 500, 400);
    expect([worse, better].sort(byLeaguePerformance).map((u) => u.code)).toEqual(['kel.a', 'kel.b']);
  });

  test('a unit with nothing completed ranks after any unit with a completion', () => {
    const none = unit('kel.a', 0, 0, 5, 0);
    const late = unit('kel.b', 3, 0);
    expect([none, late].sort(byLeaguePerformance).map((u) => u.code)).toEqual(['kel.b', 'kel.a']);
    expect(wilsonLowerBound(0, 0)).toBeNull();
  });

  test('the bound lies in [0, share], grows with successes and, for the same share, with the count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        fc.integer({ min: 2, max: 20 }),
        (n, k, factor) => {
          const successes = k % (n + 1);
          const bound = wilsonLowerBound(successes, n)!;
          expect(bound).toBeGreaterThanOrEqual(0);
          expect(bound).toBeLessThanOrEqual(successes / n + 1e-12);
          if (successes < n) expect(wilsonLowerBound(successes + 1, n)!).toBeGreaterThan(bound);
          if (successes > 0) expect(wilsonLowerBound(successes * factor, n * factor)!).toBeGreaterThan(bound);
        },
      ),
    );
  });

  test('the order is total and consistent: sorting any shuffle gives the same table', () => {
    const row = fc
      .record({
        resolved: fc.nat({ max: 200 }),
        onTime: fc.nat(),
        received: fc.nat({ max: 200 }),
        done: fc.nat(),
      })
      .map(({ resolved, onTime, received, done }) => ({
        received,
        resolved,
        resolvedOnTime: onTime % (resolved + 1),
        done: done % (received + 1),
      }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const units = rows.map((r, i) => ({ code: `u${String(i).padStart(2, '0')}`, ...r }));
        const once = [...units].sort(byLeaguePerformance).map((u) => u.code);
        const again = [...units]
          .reverse()
          .sort(byLeaguePerformance)
          .map((u) => u.code);
        expect(again).toEqual(once);
      }),
    );
  });
});
