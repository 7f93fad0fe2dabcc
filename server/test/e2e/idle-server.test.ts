import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { randomPort, startCli, untilReady } from '../support/cli-server.js';
import { createPostgresDatabase, testEngines } from '../support/test-store.js';

/**
 * Longer than every timeout in the stack: pg's pool closes idle connections after 10 s, the data-folder lock
 * goes stale after 10 s, the escalation sweep and the model reload wake every 60 s, and Fastify keeps idle
 * HTTP connections for 72 s.
 */
const IDLE_MS = 75_000;

async function fileReport(base: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ text: 'Jalan berlubang di depan halte', lat: -6.1754, lng: 106.8272 }),
  });
  return response.status;
}

async function signIn(base: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ username: 'tidak.ada', password: 'salah-sekali-123' }),
  });
  return response.status;
}

describe.each(testEngines())('a server left idle on %s', (engine) => {
  test(
    'answers after idling longer than every timeout in the stack, and logs no error meanwhile',
    async () => {
      const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-idle-'));
      const database = engine === 'postgres' ? await createPostgresDatabase() : null;
      const port = randomPort();
      const base = `http://127.0.0.1:${port}`;
      const server = startCli({
        SIGAP_DATA_DIR: dataDir,
        DATABASE_URL: database?.url ?? '',
        SIGAP_DEMO: 'off',
        PORT: String(port),
      });
      try {
        await untilReady(port, server);
        expect(await fileReport(base)).toBe(201);
        expect(await signIn(base)).toBe(401);
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect(await fileReport(base)).toBe(201);
        expect(await signIn(base)).toBe(401);
        expect(server.output()).not.toMatch(/"level":(50|60)/);
      } finally {
        server.child.kill('SIGTERM');
        await new Promise((resolve) => server.child.once('exit', resolve));
        await database?.drop();
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
    IDLE_MS + 240_000,
  );
});
