import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createPostgresDatabase, testEngines } from '../support/test-store.js';

const CLI = fileURLToPath(new URL('../../bin/sigap.js', import.meta.url));

function startCli(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** Healthy and every process listening: the primary prints its banner only then. */
async function untilReady(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 1200 && child.exitCode === null; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /is running at/.test(output())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not become ready:\n${output()}`);
}

describe('sigap start with several processes', () => {
  test('the embedded engine refuses more than one process, in both languages', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-workers-'));
    const { child, output } = startCli({ SIGAP_DATA_DIR: dataDir, DATABASE_URL: '', SIGAP_WORKERS: '2' });
    expect(await exited(child)).toBe(1);
    expect(output()).toMatch(/membutuhkan PostgreSQL/);
    expect(output()).toMatch(/needs PostgreSQL/);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test.runIf(testEngines().includes('postgres'))(
    'two processes on PostgreSQL share the port and hand out unique tickets, and stop on SIGTERM',
    async () => {
      const database = await createPostgresDatabase();
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-workers-'));
      const port = 20000 + Math.floor(Math.random() * 20000);
      const { child, output } = startCli({
        DATABASE_URL: database.url,
        SIGAP_DATA_DIR: dataDir,
        SIGAP_WORKERS: '2',
        SIGAP_DEMO: 'off',
        PORT: String(port),
      });
      try {
        await untilReady(port, child, output);
        expect(output()).toMatch(/2 proses\/processes/);
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            fetch(`http://127.0.0.1:${port}/api/v1/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', connection: 'close' },
              body: JSON.stringify({ text: `Sampah menumpuk ${i}`, lat: -6.1754, lng: 106.8272 }),
            }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ticket: string } })),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
        expect(new Set(answers.map((a) => a.body.ticket)).size).toBe(30);
        child.kill('SIGTERM');
        expect(await exited(child)).toBe(0);
      } finally {
        child.kill('SIGKILL');
        await database.drop();
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
