import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLI } from '../support/cli-server.js';

/** Where npm runs the workspace's scripts (`npm run sigap`, `npm start`), whatever folder the user is in. */
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `sigap ARGS` as a person runs it: in `cwd`, with INIT_CWD only when given (npm sets it to the folder the
 * user ran npm in; an INIT_CWD this test run may have inherited from npm is dropped).
 */
function sigap(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...options.env };
  if (!options.env?.INIT_CWD) delete env.INIT_CWD;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end();
  });
}

const STACK = /\n\s+at\s/;
const PASSWORD = 'kata-sandi-uji-123';
const createAdmin = (unit: string) => [
  'user',
  'create',
  '--username',
  'petugas.uji',
  '--password',
  PASSWORD,
  '--role',
  'admin',
  '--unit',
  unit,
];

let work = '';
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-admin-cli-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
  // what a wrong resolution would leave in server/ (only ever made by a failing run of this file)
  for (const stray of ['data-a', 'cadangan.jsonl.gz'])
    await fs.rm(path.join(SERVER_DIR, stray), { recursive: true, force: true });
});

describe('sigap user create, backup and restore', () => {
  test(
    'run through npm inside server/: relative folders and files are taken from where the user ran npm; ' +
      'accounts are made without the category model; mistakes read Indonesian / English without a stack',
    async () => {
      // npm runs the command in server/ and names the user's folder in INIT_CWD
      const npm = { cwd: SERVER_DIR, env: { INIT_CWD: work, SIGAP_DATA_DIR: 'data-a' } };
      const dataA = path.join(work, 'data-a');

      const unknown = await sigap(createAdmin('kantor-tidak-ada'), npm);
      expect(unknown.err).toContain(
        'Unit "kantor-tidak-ada" tidak dikenal / Unknown unit "kantor-tidak-ada"',
      );
      expect(unknown.err).not.toMatch(STACK);
      expect(unknown.code).toBe(1);
      expect(existsSync(path.join(dataA, 'pgdata'))).toBe(true);
      expect(existsSync(path.join(SERVER_DIR, 'data-a'))).toBe(false);

      const created = await sigap(createAdmin('pemprov'), npm);
      expect(created.err).toBe('');
      expect(created.out).toContain(
        'akun petugas.uji (admin) dibuat di pemprov / created petugas.uji (admin) in pemprov',
      );
      expect(created.code).toBe(0);
      // neither command classifies, so neither trained (nor even read) the category model
      expect(existsSync(path.join(dataA, 'models'))).toBe(false);

      const backup = await sigap(['backup', 'cadangan.jsonl.gz'], npm);
      expect(backup.err).toBe('');
      expect(backup.code).toBe(0);
      expect(existsSync(path.join(work, 'cadangan.jsonl.gz'))).toBe(true);
      expect(existsSync(path.join(SERVER_DIR, 'cadangan.jsonl.gz'))).toBe(false);
      expect(backup.out).toContain(`cadangan ditulis ke ${path.join(work, 'cadangan.jsonl.gz')}`);

      // outside npm (no INIT_CWD) the working folder is the user's folder
      const plain = { cwd: work, env: { SIGAP_DATA_DIR: 'data-b' } };
      const restored = await sigap(['restore', 'cadangan.jsonl.gz'], plain);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      const again = await sigap(createAdmin('pemprov'), plain);
      expect(again.err).toContain('Pengguna "petugas.uji" sudah ada / User "petugas.uji" exists');
      expect(again.err).not.toMatch(STACK);
      expect(again.code).toBe(1);
      expect(existsSync(path.join(work, 'data-b', 'models'))).toBe(false);

      const missing = await sigap(['restore', 'tidak-ada.jsonl.gz'], plain);
      expect(missing.err).toContain(
        `Berkas ${path.join(work, 'tidak-ada.jsonl.gz')} tidak ditemukan / ` +
          `The file ${path.join(work, 'tidak-ada.jsonl.gz')} was not found`,
      );
      expect(missing.code).toBe(1);
    },
    240_000,
  );

  test('usage and configuration mistakes read Indonesian / English, without a stack; exit 2 for usage, 1 otherwise', async () => {
    const cases: Array<{ args: string[]; env?: NodeJS.ProcessEnv; code: number; says: string[] }> = [
      { args: [], code: 2, says: ['Penggunaan / Usage:'] },
      {
        args: ['frobnicate'],
        code: 2,
        says: ['Perintah tidak dikenal: frobnicate / Unknown command: frobnicate', 'Penggunaan / Usage:'],
      },
      {
        args: ['user', 'create', '--username', 'budi'],
        code: 2,
        says: [
          'user create membutuhkan --password, --role, --unit / user create needs --password, --role, --unit',
          'sigap user create --username U',
        ],
      },
      {
        args: [
          'user',
          'create',
          '--username',
          'budi',
          '--password',
          PASSWORD,
          '--role',
          'lurah',
          '--unit',
          'x',
        ],
        code: 2,
        says: [
          '--role harus salah satu dari officer, verifier, admin, reveal_authority, monitor, bukan "lurah" / ' +
            '--role must be one of officer, verifier, admin, reveal_authority, monitor, got "lurah"',
        ],
      },
      {
        args: ['user', 'create', '--username', 'budi', '--kantor', 'x'],
        code: 2,
        says: ['Opsi tidak dikenal: --kantor / Unknown option: --kantor'],
      },
      { args: ['backup'], code: 2, says: ['backup membutuhkan FILE / backup needs a FILE'] },
      {
        args: ['migrate'],
        env: { PORT: 'delapan' },
        code: 1,
        says: [
          'PORT harus berupa bilangan bulat, bukan "delapan" / PORT must be a whole number, got "delapan"',
        ],
      },
      {
        args: ['migrate'],
        env: { SIGAP_DEMO: 'kadang' },
        code: 1,
        says: ['SIGAP_DEMO harus salah satu dari auto, on, off, bukan "kadang" / SIGAP_DEMO must be one of'],
      },
    ];
    const results = await Promise.all(
      cases.map((c) => sigap(c.args, { cwd: work, env: { SIGAP_DATA_DIR: 'data-usage', ...c.env } })),
    );
    results.forEach((ran, i) => {
      const { args, code, says } = cases[i]!;
      const label = `sigap ${args.join(' ')}`;
      for (const text of says) expect(ran.err, label).toContain(text);
      expect(ran.err, label).not.toMatch(STACK);
      expect(ran.out, label).toBe('');
      expect(ran.code, label).toBe(code);
    });
    // none of them got as far as opening a data folder
    expect(existsSync(path.join(work, 'data-usage'))).toBe(false);
  });
});
