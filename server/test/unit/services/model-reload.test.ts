import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { modelFilePath, saveModelFile, trainFile } from '../../../src/classify/model-cache.js';
import type { AppContext } from '../../../src/services/app/app-context.js';
import { reloadModelIfChanged } from '../../../src/services/model/model-reload.js';
import { jakarta, testClassifier } from '../../support/test-app.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function context(): Promise<{ ctx: AppContext; dir: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-reload-'));
  dirs.push(dir);
  const ctx = { city: await jakarta(), classifier: await testClassifier(), log: pino({ level: 'silent' }) };
  return { ctx: ctx as unknown as AppContext, dir };
}

const LABELS = ['pohon', 'sampah', 'lainnya'];
const EXAMPLES = [
  { id: '1', text: 'pohon tumbang di jalan', category: 'pohon' },
  { id: '2', text: 'dahan pohon patah', category: 'pohon' },
  { id: '3', text: 'sampah menumpuk bau', category: 'sampah' },
  { id: '4', text: 'sampah tidak diangkut', category: 'sampah' },
  { id: '5', text: 'terima kasih admin', category: 'lainnya' },
  { id: '6', text: 'aplikasi bagus', category: 'lainnya' },
];

describe('picking up a retrained model', () => {
  test('nothing happens without a model file, or when the file holds the model in use', async () => {
    const { ctx, dir } = await context();
    expect(await reloadModelIfChanged(ctx, dir)).toBe(false);
    await fs.copyFile(path.join(os.tmpdir(), 'sigap-test-models', 'category-model.json'), modelFilePath(dir));
    expect(await reloadModelIfChanged(ctx, dir)).toBe(false);
  });

  test('another model in the folder replaces the one in use, keeping the city threshold', async () => {
    const { ctx, dir } = await context();
    const before = ctx.classifier;
    const file = trainFile(EXAMPLES, LABELS);
    await saveModelFile(dir, file);
    expect(await reloadModelIfChanged(ctx, dir)).toBe(true);
    expect(ctx.classifier.version).toBe(file.fingerprint);
    expect(ctx.classifier.minConfidence).toBe(before.minConfidence);
    expect(ctx.classifier.classify('ada pohon tumbang').category).toBe('pohon');
  });

  test('a model naming categories the city does not have is refused', async () => {
    const { ctx, dir } = await context();
    const before = ctx.classifier.version;
    await saveModelFile(dir, trainFile([{ id: '1', text: 'ular masuk rumah', category: 'ular' }], ['ular']));
    expect(await reloadModelIfChanged(ctx, dir)).toBe(false);
    expect(ctx.classifier.version).toBe(before);
  });
});
