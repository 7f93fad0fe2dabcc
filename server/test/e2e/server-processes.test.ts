import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exited, randomPort, startCli, untilReady } from '../support/cli-server.js';
import { createPostgresDatabase, testEngines } from '../support/test-store.js';

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
      const port = randomPort();
      const server = startCli({
        DATABASE_URL: database.url,
        SIGAP_DATA_DIR: dataDir,
        SIGAP_WORKERS: '2',
        SIGAP_DEMO: 'off',
        PORT: String(port),
      });
      try {
        const { child, output } = server;
        await untilReady(port, server);
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
        server.child.kill('SIGKILL');
        await database.drop();
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
