import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { LabelledText } from '../../../src/classify/corpus.js';
import { featuresOf } from '../../../src/classify/features.js';
import { loadOrTrain, modelFilePath, readModelFile } from '../../../src/classify/model-cache.js';

// The feature code, watched: a warm start must not analyse the corpus just to recognise its cached model.
vi.mock(import('../../../src/classify/features.js'), async (original) => {
  const actual = await original();
  return { ...actual, featuresOf: vi.fn(actual.featuresOf) };
});

const LABELS = ['pohon', 'sampah', 'lainnya'];
const EXAMPLES: LabelledText[] = [
  { id: '1', text: 'pohon tumbang di jalan', category: 'pohon' },
  { id: '2', text: 'dahan pohon patah menimpa motor', category: 'pohon' },
  { id: '3', text: 'ranting pohon hampir jatuh', category: 'pohon' },
  { id: '4', text: 'sampah menumpuk bau', category: 'sampah' },
  { id: '5', text: 'sampah tidak diangkut seminggu', category: 'sampah' },
  { id: '6', text: 'tumpukan sampah di pinggir kali', category: 'sampah' },
  { id: '7', text: 'terima kasih admin', category: 'lainnya' },
  { id: '8', text: 'aplikasi bagus', category: 'lainnya' },
  { id: '9', text: 'mau tanya cara daftar', category: 'lainnya' },
];

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-model-cache-'));
  vi.mocked(featuresOf).mockClear();
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

describe('the cached category model', () => {
  test('an unchanged training set loads the cached model without analysing a text; any change retrains', async () => {
    const first = await loadOrTrain(dir, EXAMPLES, LABELS);
    expect(first.trained).toBe(true);
    expect(featuresOf).toHaveBeenCalled();
    const stored = await fs.stat(modelFilePath(dir));

    vi.mocked(featuresOf).mockClear();
    const second = await loadOrTrain(dir, EXAMPLES, LABELS);
    expect(second.trained).toBe(false);
    expect(featuresOf).not.toHaveBeenCalled();
    expect(second.file.fingerprint).toBe(first.file.fingerprint);
    expect((await fs.stat(modelFilePath(dir))).mtimeMs).toBe(stored.mtimeMs);
    expect(second.model.top(second.model.encode(['pohon']), 1)[0]!.category).toBe('pohon');
    // ids name examples; they are not trained on, only their kind counts (see 'realistic' below)
    const renamed = EXAMPLES.map((e) => ({ ...e, id: `examples/x:${e.id}` }));
    expect((await loadOrTrain(dir, renamed, LABELS)).trained).toBe(false);
    expect(featuresOf).not.toHaveBeenCalled();

    const changes: Array<[string, LabelledText[], string[]]> = [
      ['text', EXAMPLES.map((e, i) => (i === 4 ? { ...e, text: `${e.text} lagi` } : e)), LABELS],
      ['label', EXAMPLES.map((e, i) => (i === 2 ? { ...e, category: 'lainnya' } : e)), LABELS],
      ['order', [...EXAMPLES].reverse(), LABELS],
      ['one more example', [...EXAMPLES, { id: '10', text: 'pohon miring', category: 'pohon' }], LABELS],
      ['categories', EXAMPLES, [...LABELS, 'banjir']],
      // letters and officers' reports fit the letters' temperature, short lines the other
      ['realistic', EXAMPLES.map((e) => ({ ...e, id: `officer/${e.id}` })), LABELS],
      [
        'a word moved across two examples',
        EXAMPLES.map((e, i) =>
          i === 0 ? { ...e, text: 'pohon tumbang di' } : i === 1 ? { ...e, text: `jalan ${e.text}` } : e,
        ),
        LABELS,
      ],
    ];
    const seen = new Set([first.file.fingerprint]);
    for (const [change, examples, labels] of changes) {
      const again = await loadOrTrain(dir, examples, labels);
      expect(again.trained, change).toBe(true);
      expect(seen.has(again.file.fingerprint), change).toBe(false);
      seen.add(again.file.fingerprint);
      expect((await readModelFile(modelFilePath(dir)))?.fingerprint, change).toBe(again.file.fingerprint);
    }
    // texts kept for calibration set the letters' temperature, so they are part of what the model is made from
    const calibrated = await loadOrTrain(dir, EXAMPLES, LABELS, [
      { id: 'letters-dev/pohon:1', text: 'Pohon tumbang\nmenutup jalan kampung', category: 'pohon' },
    ]);
    expect(calibrated.trained).toBe(true);
    expect(seen.has(calibrated.file.fingerprint)).toBe(false);
    expect(calibrated.file.labelCounts).toEqual([3, 3, 3]);
  });
});
