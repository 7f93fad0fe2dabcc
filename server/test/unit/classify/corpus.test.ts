import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readCorpusParts } from '../../../src/classify/corpus.js';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-corpus-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

const CODES = new Set(['pohon', 'sampah']);

describe('reading the corpus', () => {
  test('a tab separates a letter’s title from its body; comments and blank lines are skipped', async () => {
    await fs.mkdir(path.join(dir, 'letters'));
    await fs.writeFile(
      path.join(dir, 'letters', 'pohon.txt'),
      '# a comment\nPohon Miring \t Dengan hormat, pohon di depan rumah miring.\n\nranting patah\n',
    );
    expect(await readCorpusParts(dir, ['letters'], CODES)).toEqual([
      {
        id: 'letters/pohon:2',
        text: 'Pohon Miring\nDengan hormat, pohon di depan rumah miring.',
        category: 'pohon',
      },
      { id: 'letters/pohon:4', text: 'ranting patah', category: 'pohon' },
    ]);
  });

  test('parts a corpus does not have are skipped; the others are read in the order asked', async () => {
    await fs.mkdir(path.join(dir, 'examples'));
    await fs.writeFile(path.join(dir, 'examples', 'sampah.txt'), 'sampah numpuk\n');
    await fs.mkdir(path.join(dir, 'letters'));
    await fs.writeFile(path.join(dir, 'letters', 'pohon.txt'), 'Judul\tpohon tumbang\n');
    const texts = await readCorpusParts(dir, ['examples', 'letters', 'letters-dev'], CODES);
    expect(texts.map((t) => t.id)).toEqual(['examples/sampah:1', 'letters/pohon:1']);
  });

  test('a file named after no category fails loudly', async () => {
    await fs.mkdir(path.join(dir, 'letters'));
    await fs.writeFile(path.join(dir, 'letters', 'pohonn.txt'), 'pohon tumbang\n');
    await expect(readCorpusParts(dir, ['letters'], CODES)).rejects.toThrow(/"pohonn" is not a category code/);
  });
});
