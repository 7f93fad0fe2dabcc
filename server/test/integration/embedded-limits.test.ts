import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/database.js';

const CLI = fileURLToPath(new URL('../support/sigap-from-source.js', import.meta.url));
const HOLDER = fileURLToPath(new URL('../support/hold-data-dir.js', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Data folders made by a test, removed after it even when it fails.
const dataDirs: string[] = [];
async function newDataDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dataDirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dataDirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

describe('embedded engine limits', () => {
  test('a second process on the same data folder is refused with a clear message', async () => {
    const dataDir = await newDataDir('sigap-lock-');
    const store = await openStore({ databaseUrl: null, dataDir });
    try {
      const second = await run(['migrate'], { SIGAP_DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(second.code).toBe(1);
      expect(second.output).toMatch(/sedang dipakai proses Sigap lain/);
      expect(second.output).toMatch(/in use by another Sigap process/);
    } finally {
      await store.close();
    }
    const third = await run(['migrate'], { SIGAP_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(third.output).toMatch(/schema up to date/);
    expect(third.code).toBe(0);
    // two child processes, each starting the server's code and the embedded engine: slow on a busy machine
  }, 180_000);

  test('after a crash the next start takes the folder at once and sweeps the dead engine’s socket folder', async () => {
    const dataDir = await newDataDir('sigap-crash-');
    const holder = spawn(process.execPath, [HOLDER], { env: { ...process.env, SIGAP_DATA_DIR: dataDir } });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const socketFolders = async () =>
      (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith(`sigap-pg-${holder.pid}-`));
    expect(await socketFolders()).toHaveLength(1);
    // while it runs, the folder is refused
    const refused = await run(['migrate'], { SIGAP_DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(refused.output).toMatch(/in use by another Sigap process/);
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    // killed: its lock is still fresh (refreshed every 2 s, stale only after 10 s), but its owner is gone; opened
    // in this process right away, well inside those 10 s
    const next = await openStore({ databaseUrl: null, dataDir });
    try {
      expect(await socketFolders()).toEqual([]);
      await expect(sql`select 1 as one`.execute(next.db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await next.close();
    }
  });

  test('a long query does not freeze the event loop (the engine runs in its own thread)', async () => {
    const store = await openStore({ databaseUrl: null, dataDir: null });
    try {
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(Date.now()), 20);
      let finished = 0;
      await sql`select count(*) from generate_series(1, 6000000)`
        .execute(store.db)
        .then(() => (finished = Date.now()));
      clearInterval(timer);
      const beforeEnd = ticks.filter((t) => t < finished).length;
      expect(beforeEnd).toBeGreaterThanOrEqual(5);
    } finally {
      await store.close();
    }
  });

  test('data survive a restart of the embedded engine', async () => {
    const dataDir = await newDataDir('sigap-persist-');
    const first = await openStore({ databaseUrl: null, dataDir });
    await first.db.insertInto('ticket_counter').values({ day: '2026-11-23', last_serial: 41 }).execute();
    await first.close();
    const second = await openStore({ databaseUrl: null, dataDir });
    const row = await second.db.selectFrom('ticket_counter').selectAll().executeTakeFirst();
    await second.close();
    expect(row?.last_serial).toBe(41);
  });
});
