import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { makeSocketFolder, sweepSocketFolders } from './socket-folders.js';

export interface EmbeddedEngine {
  pool: pg.Pool;
  close(): Promise<void>;
}

type WorkerMessage = { ready: true } | { error: string } | { closed: true };

function once(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (message: WorkerMessage) => {
      worker.off('error', onError);
      resolve(message);
    });
  });
}

/**
 * Starts PGlite in a worker thread (data in `<dataDir>/pgdata`, or in memory when dataDir is null) and returns
 * a pg pool speaking to it over a private Unix socket. PGlite has a single backend session, so the pool holds
 * exactly one connection: transactions can never interleave.
 */
export async function startEmbedded(dataDir: string | null): Promise<EmbeddedEngine> {
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  await sweepSocketFolders();
  const socketDir = await makeSocketFolder();
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), {
    workerData: { dataDir: dataDir ? path.join(dataDir, 'pgdata') : 'memory://', socketPath },
    execArgv: [],
  });
  try {
    const message = await once(worker);
    if ('error' in message) throw new Error(`embedded database failed to start: ${message.error}`);
  } catch (error) {
    await worker.terminate();
    await unlock();
    throw error;
  }
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // PGlite has one backend session that outlives every socket connection to it. The one connection is kept
    // for the life of the process (pg's default would close it after 10 s idle)...
    idleTimeoutMillis: 0,
    // ...and should it still be replaced (after a socket error), the new connection starts from a clean session,
    // as a new connection to a PostgreSQL server would: the old one's prepared statements, settings, advisory
    // locks and temporary tables are discarded before its first query (a new client would otherwise re-PREPARE
    // statements the session still holds, and fail with 42P05). pg-pool awaits the hook and drops the connection
    // when it rejects; @types/pg still declares it as returning void.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- pg-pool awaits it (see above)
    onConnect: async (client) => {
      await client.query('DISCARD ALL');
    },
  });
  return {
    pool,
    async close() {
      await pool.end();
      const closed = once(worker);
      worker.postMessage('close');
      await closed;
      await worker.terminate();
      await fs.rm(socketDir, { recursive: true, force: true });
      await unlock();
    },
  };
}
