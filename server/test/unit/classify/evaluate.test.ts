import { describe, expect, test } from 'vitest';
import { evaluate, type Prediction } from '../../../src/classify/evaluate.js';

const p = (expected: string, predicted: string, confidence: number, top3?: string[]): Prediction => ({
  expected,
  predicted,
  confidence,
  ...(top3 ? { top3 } : {}),
});

describe('evaluating predictions', () => {
  const predictions = [
    p('jalan', 'jalan', 0.95, ['jalan', 'banjir', 'trotoar']),
    p('jalan', 'banjir', 0.92, ['banjir', 'jalan', 'saluran_air']),
    p('banjir', 'banjir', 0.55, ['banjir', 'saluran_air', 'jalan']),
    p('sosial', 'lainnya', 0.35, ['lainnya', 'kependudukan', 'kesehatan']),
  ];
  const result = evaluate(predictions, ['jalan', 'banjir', 'sosial', 'lainnya'], 0.5);

  test('top-1 and top-3 accuracy, and the routed share with its precision', () => {
    expect(result.accuracy).toBe(0.5);
    expect(result.top3Accuracy).toBe(0.75);
    expect(result.automatic).toEqual({ threshold: 0.5, share: 0.75, accuracy: 2 / 3 });
  });

  test('the calibration curve: one row per non-empty tenth, with its mean confidence and accuracy', () => {
    expect(result.calibration).toEqual([
      { from: 0.3, to: 0.4, count: 1, meanConfidence: 0.35, accuracy: 0 },
      { from: 0.5, to: 0.6, count: 1, meanConfidence: 0.55, accuracy: 1 },
      { from: 0.9, to: 1, count: 2, meanConfidence: expect.closeTo(0.935, 10), accuracy: 0.5 },
    ]);
    // (0.35 + 0.45 + 2 × 0.435) / 4
    expect(result.calibrationError).toBeCloseTo(0.4175, 10);
  });

  test('without top-3 lists there is no top-3 accuracy', () => {
    expect(evaluate([p('jalan', 'jalan', 0.9)], ['jalan'], 0.5).top3Accuracy).toBeNull();
  });
});
