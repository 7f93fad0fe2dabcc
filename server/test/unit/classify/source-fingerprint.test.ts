import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { modelCodeFingerprint } from '../../../src/classify/model-cache.js';
import { sourceFingerprint } from '../../../src/classify/source-fingerprint.js';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

/** A small module tree written into a temporary folder: file name → content. */
async function tree(files: Record<string, string>): Promise<{ dir: string; entry: URL }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-source-fp-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return { dir, entry: pathToFileURL(path.join(dir, 'features.ts')) };
}

const FILES = {
  'features.ts': [
    "import { analyse } from './text/index.js';",
    'import {',
    '  stem,',
    "} from './text/stem.js';",
    'export const featuresOf = (t: string) => analyse(t).map(stem);',
  ].join('\n'),
  'text/index.ts': "export { analyse } from './analyse.js';\nimport './side-effect.js';",
  'text/analyse.ts':
    "import { readFileSync } from 'node:fs';\n" +
    "const words = readFileSync(new URL('./stop-words.txt', import.meta.url), 'utf8');\n" +
    "export const analyse = (t: string) => t.split(' ').filter((w) => !words.includes(w));",
  'text/stem.ts': "import { Stemmer } from 'stemmer-lib';\nexport const stem = (w: string) => w;",
  'text/side-effect.ts': "const later = () => import('./lazy.js');\nexport {};",
  'text/lazy.ts': 'export const lazy = 1;',
  'text/stop-words.txt': 'yang\ndi\n',
  'text/unused.ts': 'export const unused = 1;',
  'node_modules/stemmer-lib/package.json': '{"name":"stemmer-lib","version":"1.0.0"}',
};

describe('fingerprinting the code a model is computed with', () => {
  test('follows imports (static, re-exported, side-effect, dynamic) and data files read through import.meta.url', async () => {
    const { dir, entry } = await tree(FILES);
    const found = sourceFingerprint([entry]);
    expect(found.files.map((f) => path.relative(dir, f)).sort()).toEqual(
      [
        'features.ts',
        'text/analyse.ts',
        'text/index.ts',
        'text/lazy.ts',
        'text/side-effect.ts',
        'text/stem.ts',
        'text/stop-words.txt',
      ].sort(),
    );
    expect(found.packages).toEqual(['stemmer-lib@1.0.0']);
  });

  test('any change to a reached file or package version changes it; an unreached file does not', async () => {
    const { dir, entry } = await tree(FILES);
    const before = sourceFingerprint([entry]).hash;
    expect(sourceFingerprint([entry]).hash).toBe(before);

    await fs.writeFile(path.join(dir, 'text/unused.ts'), 'export const unused = 2;');
    expect(sourceFingerprint([entry]).hash).toBe(before);

    const edits: Array<[string, string]> = [
      ['text/stop-words.txt', 'yang\ndi\nke\n'],
      ['text/lazy.ts', 'export const lazy = 2;'],
      ['node_modules/stemmer-lib/package.json', '{"name":"stemmer-lib","version":"1.0.1"}'],
    ];
    const seen = new Set([before]);
    for (const [file, content] of edits) {
      await fs.writeFile(path.join(dir, file), content);
      const hash = sourceFingerprint([entry]).hash;
      expect(seen.has(hash), file).toBe(false);
      seen.add(hash);
    }
    // a module newly added to the pipeline is covered without being listed anywhere
    await fs.writeFile(path.join(dir, 'text/unused.ts'), 'export const unused = 3;');
    await fs.writeFile(
      path.join(dir, 'text/lazy.ts'),
      "export { unused } from './unused.js';\nexport const lazy = 2;",
    );
    const withNew = sourceFingerprint([entry]);
    expect(withNew.files.map((f) => path.relative(dir, f))).toContain('text/unused.ts');
    expect(seen.has(withNew.hash)).toBe(false);
  });

  test("the category model's fingerprint covers the text pipeline, its word lists, the training and the stemmer's version", () => {
    const code = modelCodeFingerprint();
    expect(code).not.toBeNull();
    const files = code!.files.map((f) => path.relative(SRC, f));
    for (const file of [
      'classify/features.ts',
      'classify/train.ts',
      'classify/linear-model.ts',
      'domain/random.ts',
      'text/analyse.ts',
      'text/normalise-text.ts',
      'text/slang.ts',
      'text/slang-id.csv',
      'text/stop-words.ts',
      'text/stopwords-id.txt',
      'text/stem.ts',
      'text/stem-fixes.ts',
    ])
      expect(files).toContain(file);
    const manifest = fileURLToPath(
      new URL('../../../../node_modules/sastrawijs/package.json', import.meta.url),
    );
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    expect(code!.packages).toContain(`sastrawijs@${version}`);
  });
});
