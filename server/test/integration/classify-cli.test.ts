import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI } from '../support/cli-server.js';
import { testClassifier } from '../support/test-app.js';

/** Where npm runs the workspace's scripts, whatever folder the user is in. */
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
  cwd?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

describe('sigap classify', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-classify-'));
    // The model the tests trained on the corpus; the CLI must recognise it as current and reuse it.
    const classifier = await testClassifier();
    await fs.mkdir(path.join(dataDir, 'models'));
    await fs.copyFile(
      path.join(os.tmpdir(), 'sigap-test-models', 'category-model.json'),
      path.join(dataDir, 'models', 'category-model.json'),
    );
    expect(classifier.version).toMatch(/^[0-9a-f]{16}$/);
  });
  afterAll(async () => fs.rm(dataDir, { recursive: true, force: true }));

  test('JSON lines in, one classification per line out; bad lines get a bilingual error and the rest go on', async () => {
    const input = [
      '{"id":"a","text":"lampu jalan mati di gang, gelap gulita tiap malam"}',
      'bukan json',
      '{"id":7}',
      '{"id":"b","text":"sampah numpuk di pinggir kali udah seminggu ga diangkut"}',
    ].join('\n');
    const { code, out } = await run(['classify'], { SIGAP_DATA_DIR: dataDir }, input);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', category: 'penerangan_jalan' });
    expect(lines[0]!.top3).toHaveLength(3);
    expect(lines[0]!.confidence).toBe(lines[0]!.top3[0].confidence);
    expect(lines[1]!.error.code).toBe('invalid_json');
    expect(lines[1]!.error.message.id).toBeTruthy();
    expect(lines[2]).toMatchObject({ id: 7, error: { code: 'missing_text' } });
    expect(lines[3]).toMatchObject({ id: 'b', category: 'sampah' });
  });

  test('--eval prints accuracy, macro-F1 and a confusion matrix', async () => {
    const file = path.join(dataDir, 'eval.jsonl');
    await fs.writeFile(
      file,
      [
        { id: 1, text: 'pohon tumbang menimpa mobil warga', category: 'pohon' },
        { id: 2, text: 'air pam mati dari kemarin', category: 'air_bersih' },
        { id: 3, text: 'lampu jalan mati', category: 'pohon' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const { code, out } = await run(['classify', '--eval', file], { SIGAP_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(out).toMatch(/examples 3 {2}accuracy 66\.7%/);
    expect(out).toMatch(/macro-F1/);
    expect(out).toMatch(/confusion matrix/);
    expect(out).toMatch(/pohon .* 1 .* 1/);
  });

  test('--eval FILE is taken from the folder the user ran npm in, not from server/ where npm runs the command', async () => {
    await fs.writeFile(
      path.join(dataDir, 'uji.jsonl'),
      `${JSON.stringify({ id: 1, text: 'pohon tumbang menimpa mobil warga', category: 'pohon' })}\n`,
    );
    const { code, out, err } = await run(
      ['classify', '--eval', 'uji.jsonl'],
      { SIGAP_DATA_DIR: dataDir, INIT_CWD: dataDir },
      '',
      SERVER_DIR,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/examples 1 {2}accuracy 100\.0%/);
    const missing = await run(
      ['classify', '--eval', 'tidak-ada.jsonl'],
      { SIGAP_DATA_DIR: dataDir, INIT_CWD: dataDir },
      '',
      SERVER_DIR,
    );
    const file = path.join(dataDir, 'tidak-ada.jsonl');
    expect(missing.err).toBe(`Berkas ${file} tidak dapat dibaca / The file ${file} cannot be read\n`);
    expect(missing.code).toBe(1);
  });

  test('--train retrains into the data folder', async () => {
    const before = await fs.stat(path.join(dataDir, 'models', 'category-model.json'));
    const { code, out, err } = await run(['classify', '--train'], { SIGAP_DATA_DIR: dataDir });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/Model dilatih \/ trained: \d{4} contoh\/examples \(0 dari petugas\/from officers\)/);
    const after = await fs.stat(path.join(dataDir, 'models', 'category-model.json'));
    expect(after.mtimeMs).toBeGreaterThan(before.mtimeMs);
    // a child process that trains the whole corpus: minutes, not seconds, on a busy two-core machine
  }, 180_000);
});
