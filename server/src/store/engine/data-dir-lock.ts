import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { processAlive } from './process-alive.js';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Folder data ${dataDir} sedang dipakai proses Sigap lain; hentikan proses itu dulu. / ` +
        `The data folder ${dataDir} is in use by another Sigap process; stop that process first ` +
        `(two processes on one embedded database silently lose data).`,
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
}

const lockPathOf = (dataDir: string) => path.join(dataDir, 'sigap.lock');
const ownerPathOf = (dataDir: string) => path.join(dataDir, 'sigap.lock.owner');

async function readOwner(dataDir: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await fs.readFile(ownerPathOf(dataDir), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/**
 * A lock left by a process of this machine that no longer runs (it crashed or was killed): it may be taken over
 * at once instead of after the 10 s in which a lock goes stale.
 */
async function isOrphaned(dataDir: string): Promise<boolean> {
  const owner = await readOwner(dataDir);
  return !!owner && owner.host === os.hostname() && owner.pid !== process.pid && !processAlive(owner.pid);
}

function take(dataDir: string) {
  return lockfile.lock(dataDir, {
    lockfilePath: lockPathOf(dataDir),
    stale: 10_000,
    update: 2_000,
    realpath: false,
    onCompromised: (error) => {
      console.error(`Sigap lost the lock on ${dataDir}: ${error.message}; stopping to protect the data`);
      process.exit(70);
    },
  });
}

/**
 * Takes an exclusive lock on the data folder for the life of this process. Two writers on one PGlite folder
 * silently lose acknowledged rows, so a second process must be refused. A lock whose owner (named beside it)
 * no longer runs on this machine is taken over at once; any other lock goes stale 10 s after its owner stops
 * refreshing it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await take(dataDir);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    if (!(await isOrphaned(dataDir))) throw new DataDirInUseError(dataDir);
    // Aged rather than removed: the lock library then replaces it as stale, by its own careful steps.
    await fs.utimes(lockPathOf(dataDir), 0, 0);
    try {
      release = await take(dataDir);
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
      throw again;
    }
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname() };
  await fs.writeFile(ownerPathOf(dataDir), JSON.stringify(owner), { mode: 0o600 });
  return async () => {
    await fs.rm(ownerPathOf(dataDir), { force: true });
    await release();
  };
}
