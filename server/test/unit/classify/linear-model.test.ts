import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LinearModel, MIN_NEAR_WORD, softmax } from '../../../src/classify/linear-model.js';
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

  test('a misspelt word is read as the one known word a letter away; short or ambiguous words are not', () => {
    const words = ['saluran', 'sampah', 'banjir', 'pohon', 'tumbang', 'genang', 'gonang', 'air'];
    const model = new LinearModel(['a'], words, new Float32Array(words.length), new Float32Array(1), 1);
    const id = (w: string) => words.indexOf(w);
    expect(model.encode(['sluran'])).toEqual([id('saluran')]); // a letter dropped
    expect(model.encode(['saluuran'])).toEqual([id('saluran')]); // one added
    expect(model.encode(['salurn', 'smapah'])).toEqual([id('saluran'), id('sampah')]); // dropped, swapped
    expect(model.encode(['banjor'])).toEqual([id('banjir')]); // one changed
    expect(model.encode(['pohn'])).toEqual([id('pohon')]); // MIN_NEAR_WORD letters, one dropped
    expect(model.encode(['aor', 'ai', 'airr'])).toEqual([]); // "air" is too short to be guessed
    expect(model.encode(['xyzxyz', 'saluran bajir'])).toEqual([]); // far from any word; pairs are never guessed
    expect(model.encode(['ganang'])).toEqual([]); // one letter from "genang" and from "gonang": ambiguous
  });

  test('property: a word read as a known one is that word or one letter away from it', () => {
    const words = ['saluran', 'sampah', 'banjir', 'tumbang', 'genang', 'gorong', 'trotoar', 'lampu'];
    const model = new LinearModel(['a'], words, new Float32Array(words.length), new Float32Array(1), 1);
    const oneEdit = (a: string, b: string): boolean => {
      if (a === b) return true;
      if (Math.abs(a.length - b.length) > 1) return false;
      const [s, l] = a.length <= b.length ? [a, b] : [b, a];
      for (let i = 0; i < l.length; i++) {
        if (s.length < l.length && l.slice(0, i) + l.slice(i + 1) === s) return true;
        if (s.length === l.length && s[i] !== l[i])
          return (
            s.slice(i + 1) === l.slice(i + 1) ||
            (s[i] === l[i + 1] && s[i + 1] === l[i] && s.slice(i + 2) === l.slice(i + 2))
          );
      }
      return false;
    };
    const mutated = fc
      .tuple(
        fc.constantFrom(...words),
        fc.nat(),
        fc.constantFrom('drop', 'add', 'change', 'swap'),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      )
      .map(([w, at, how, c]) => {
        const i = at % w.length;
        const letter = c;
        if (how === 'drop') return w.slice(0, i) + w.slice(i + 1);
        if (how === 'add') return w.slice(0, i) + letter + w.slice(i);
        if (how === 'change') return w.slice(0, i) + letter + w.slice(i + 1);
        return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 12 })), (word) => {
        const ids = model.encode([word]);
        expect(ids.length).toBeLessThanOrEqual(1);
        if (ids.length === 1) expect(oneEdit(word, words[ids[0]!]!), word).toBe(true);
        if (word.length < MIN_NEAR_WORD - 1) expect(ids.length === 0 || words.includes(word)).toBe(true);
      }),
    );
  });

  test('letters are scored at their own temperature; class priors reweigh and still sum to one', () => {
    const model = trainModel(DOCS, LABELS, OPTIONS);
    model.letterTemperature = model.temperature * 2;
    const ids = model.encode(['pohon', 'sampah', 'tumbang']);
    const short = model.probabilities(ids);
    const letter = model.probabilities(ids, true);
    expect(Math.max(...letter)).toBeLessThan(Math.max(...short));
    const prior = [1, 1, 4];
    const weighed = model.probabilities(ids, false, prior);
    expect(weighed.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(weighed[2]! / weighed[0]!).toBeCloseTo((4 * short[2]!) / short[0]!, 9);
    const file = JSON.parse(
      JSON.stringify(model.toFile({ trainedAt: 'now', fingerprint: 'f', examples: 15 })),
    );
    expect(LinearModel.fromFile(file).letterTemperature).toBe(model.letterTemperature);
  });

  test('the letters’ temperature is fitted on the realistic documents and the calibration texts', () => {
    const letters = DOCS.map((d) => ({ ...d, realistic: true }));
    const mixed = trainModel([...DOCS, ...letters], LABELS, OPTIONS);
    const plain = trainModel([...DOCS, ...DOCS], LABELS, OPTIONS);
    expect(plain.letterTemperature).toBe(plain.temperature);
    expect(mixed.letterTemperature).toBeGreaterThan(0);
    // a calibration text the model gets wrong makes it less sure of letters
    const wrong = [{ features: ['pohon', 'tumbang'], label: 'sampah' }];
    const calibrated = trainModel(DOCS, LABELS, OPTIONS, wrong);
    expect(calibrated.letterTemperature).toBeGreaterThan(calibrated.temperature);
    expect(() => trainModel(DOCS, LABELS, OPTIONS, [{ features: ['x'], label: 'parkir' }])).toThrow(/parkir/);
  });
});
