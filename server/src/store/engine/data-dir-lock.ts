import fs from 'node:fs/promises';
import lockfile from 'proper-lockfile';

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

/**
 * Takes an exclusive lock on the data folder for the life of this process. Two writers on one PGlite folder
 * silently lose acknowledged rows, so a second process must be refused. The lock goes stale 10 s after a
 * crashed owner stops refreshing it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/sigap.lock`,
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (error) => {
        console.error(`Sigap lost the lock on ${dataDir}: ${error.message}; stopping to protect the data`);
        process.exit(70);
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}
