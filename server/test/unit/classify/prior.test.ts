import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classPrior } from '../../../src/classify/prior.js';

const LABELS = ['jalan', 'pohon', 'sampah', 'lainnya'];

describe('class priors from a city’s report volumes', () => {
  test('(city share / training share) ^ strength; unlisted categories share what the listed ones leave', () => {
    const prior = classPrior(LABELS, [10, 10, 10, 10], {
      volumes: { jalan: 500, pohon: 100 },
      volumesTotal: 1000,
      priorStrength: 1,
    })!;
    expect(prior[0]).toBeCloseTo(0.5 / 0.25, 12);
    expect(prior[1]).toBeCloseTo(0.1 / 0.25, 12);
    expect(prior[2]).toBeCloseTo(0.2 / 0.25, 12); // (1000 − 600) / 2 reports each
    expect(prior[3]).toBeCloseTo(0.2 / 0.25, 12);
    const half = classPrior(LABELS, [10, 10, 10, 10], {
      volumes: { jalan: 500, pohon: 100 },
      volumesTotal: 1000,
    })!;
    expect(half[0]).toBeCloseTo(Math.sqrt(2), 12); // default strength 0.5
  });

  test('none without volumes, a total or the training counts; a label nobody trained keeps its weight', () => {
    const city = { volumes: { jalan: 5 }, volumesTotal: 10 };
    expect(classPrior(LABELS, [1, 1, 1, 1], {})).toBeNull();
    expect(classPrior(LABELS, [1, 1, 1, 1], { volumes: { jalan: 5 } })).toBeNull();
    expect(classPrior(LABELS, undefined, city)).toBeNull();
    expect(classPrior(LABELS, [1, 1], city)).toBeNull();
    expect(classPrior(LABELS, [0, 0, 0, 0], city)).toBeNull();
    expect(classPrior(LABELS, [0, 1, 1, 1], city)![0]).toBe(1);
  });

  test('property: factors are positive and finite; strength 0 changes nothing; more reports, larger factor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (counts, reports, extra, strength) => {
          const volumes = Object.fromEntries(LABELS.map((l, i) => [l, reports[i]!]));
          const volumesTotal = reports.reduce((a, b) => a + b, 0) + extra + 1;
          const prior = classPrior(LABELS, counts, { volumes, volumesTotal, priorStrength: strength });
          if (counts.every((c) => c === 0)) return expect(prior).toBeNull();
          for (const f of prior!) expect(Number.isFinite(f) && f > 0).toBe(true);
          const none = classPrior(LABELS, counts, { volumes, volumesTotal, priorStrength: 0 })!;
          expect(none).toEqual(LABELS.map(() => 1));
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++)
              if (counts[i] === counts[j] && counts[i]! > 0 && reports[i]! > reports[j]! && reports[j]! > 0)
                expect(prior![i]).toBeGreaterThanOrEqual(prior![j]!);
        },
      ),
    );
  });
});
