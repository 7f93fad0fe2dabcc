import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every mainstream Linux build). */
const USER_HZ = 100;

/** CPU ms (user + system) a process has used so far; 0 when it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return 0;
  }
}

/** PostgreSQL's backends serving one database: their title names it (`postgres: … user database host`). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const title = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.split(' ').includes(database)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export interface CpuUse {
  /** CPU ms of the server's processes. */
  serverMs: number;
  /** CPU ms of the PostgreSQL backends of the bench database (not of other databases on the same server). */
  databaseMs: number;
}

/**
 * Starts counting the CPU of the server's processes and of the database's backends; the returned function
 * tells what they used since. Processes that appear in between count from zero.
 */
export function countCpu(serverPids: () => number[], database: string): () => CpuUse {
  const before = new Map<number, number>();
  for (const pid of [...serverPids(), ...backendsOf(database)]) before.set(pid, cpuMsOf(pid));
  const used = (pids: number[]) => pids.reduce((ms, pid) => ms + cpuMsOf(pid) - (before.get(pid) ?? 0), 0);
  return () => ({ serverMs: used(serverPids()), databaseMs: used(backendsOf(database)) });
}
