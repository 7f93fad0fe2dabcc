import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from './process-alive.js';

const PREFIX = 'sigap-pg-';

/** A private folder for the embedded engine's socket, named after this process so a later start can sweep it. */
export function makeSocketFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}

/** Removes socket folders left by embedded engines whose process no longer runs (a crash or a kill). */
export async function sweepSocketFolders(): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(os.tmpdir()).catch(() => [] as string[])) {
    const pid = Number(/^sigap-pg-(\d+)-/.exec(name)?.[1]);
    if (!pid || processAlive(pid)) continue;
    await fs.rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}
