import { describe, expect, test } from 'vitest';
import { LinearModel, softmax } from '../../../src/classify/linear-model.js';
import { trainModel } from '../../../src/classify/train.js';

const LABELS = ['pohon', 'sampah', 'banjir'];
const DOCS = [
  ...['pohon tumbang', 'pohon patah dahan', 'dahan pohon rawan', 'pangkas pohon', 'pohon miring'].map(
    (t) => ({
      features: t.split(' '),
      label: 'pohon',
    }),
  ),
  ...['sampah numpuk', 'tumpuk sampah bau', 'angkut sampah', 'sampah liar', 'buang sampah'].map((t) => ({
    features: t.split(' '),
    label: 'sampah',
  })),
  ...['banjir tinggi', 'genang air banjir', 'banjir rumah', 'air genang jalan', 'banjir lutut'].map((t) => ({
    features: t.split(' '),
    label: 'banjir',
  })),
];
const OPTIONS = { epochs: 30, learningRate: 0.5, l2: 0.001, minDocuments: 1, folds: 3, seed: 7 };

describe('linear model', () => {
  test('softmax gives probabilities that sum to one, flatter at a higher temperature', () => {
    const p = softmax(Float64Array.from([2, 1, 0]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(p[1]!);
    const flat = softmax(Float64Array.from([2, 1, 0]), 4);
    expect(flat[0]! - flat[2]!).toBeLessThan(p[0]! - p[2]!);
  });

  test('learns separable categories and ranks the top three best first', () => {
    const model = trainModel(DOCS, LABELS, OPTIONS);
    const top = model.top(model.encode(['pohon', 'tumbang', 'kemarin']), 3);
    expect(top.map((t) => t.category)).toEqual(['pohon', expect.any(String), expect.any(String)]);
    expect(top[0]!.confidence).toBeGreaterThan(top[1]!.confidence);
    expect(top[1]!.confidence).toBeGreaterThanOrEqual(top[2]!.confidence);
    expect(model.top(model.encode(['sampah', 'bau']), 1)[0]!.category).toBe('sampah');
    expect(model.top(model.encode(['genang', 'air']), 1)[0]!.category).toBe('banjir');
  });

  test('features it never saw carry no weight', () => {
    const model = trainModel(DOCS, LABELS, OPTIONS);
    expect(model.encode(['xyz', 'pohon'])).toEqual(model.encode(['pohon']));
    expect(model.top(model.encode(['xyz']), 3)).toEqual(model.top([], 3));
  });

  test('training is reproducible and the stored file gives the same answers', () => {
    const a = trainModel(DOCS, LABELS, OPTIONS);
    const b = trainModel(DOCS, LABELS, OPTIONS);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.temperature).toBe(b.temperature);
    const file = JSON.parse(JSON.stringify(a.toFile({ trainedAt: 'now', fingerprint: 'f', examples: 15 })));
    const restored = LinearModel.fromFile(file);
    const ids = restored.encode(['pohon', 'sampah']);
    expect(restored.top(ids, 3)).toEqual(a.top(a.encode(['pohon', 'sampah']), 3));
  });

  test('refuses a training example labelled with an unknown category', () => {
    expect(() => trainModel([{ features: ['x'], label: 'parkir' }], LABELS, OPTIONS)).toThrow(/parkir/);
  });
});
