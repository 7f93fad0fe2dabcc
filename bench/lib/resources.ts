import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every mainstream Linux build). */
const USER_HZ = 100;

export interface ResourceUse {
  seconds: number;
  /** Busy share of the whole machine (all cores together), 0–100. */
  machineBusyPct: number;
  /** Share of the machine's time spent idle waiting for the disk, 0–100. */
  iowaitPct: number;
  /** Share of the machine's time taken by the hypervisor for other guests, 0–100 (a noisy neighbour). */
  stealPct: number;
  /** CPU time over all cores, in ms: the whole machine, Node (this process and the server's), PostgreSQL. */
  machineMs: number;
  nodeMs: number;
  /** NaN where /proc is not readable (not Linux). */
  postgresMs: number;
  /** Everything else: other programs on the machine, the kernel's own threads. */
  otherMs: number;
  /** Event-loop utilisation of the main thread (where the server runs), 0–100. */
  mainLoopPct: number;
}

interface MachineTimes {
  /** ms over all cores: user + nice + system + irq + softirq. */
  busy: number;
  iowait: number;
  /** Time the hypervisor gave to someone else while this VM wanted to run. */
  steal: number;
  total: number;
}

/** From /proc/stat where it exists (it has softirq, iowait and steal), else from os.cpus(). */
function machineTimes(): MachineTimes {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((v) => (Number(v) * 1000) / USER_HZ);
    const busy = user + nice + system + irq + softirq;
    return { busy, iowait, steal, total: busy + idle + iowait + steal };
  } catch {
    let busy = 0;
    let total = 0;
    for (const cpu of os.cpus()) {
      const t = cpu.times;
      const all = t.user + t.nice + t.sys + t.idle + t.irq;
      total += all;
      busy += all - t.idle;
    }
    return { busy, iowait: 0, steal: 0, total };
  }
}

/** CPU ms used so far by the processes that `select` picks (by pid and command name), by pid. */
function processTimes(select: (pid: string, command: string) => boolean): Map<string, number> | null {
  const times = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!select(pid, stat.slice(stat.indexOf('(') + 1, close))) continue;
      const fields = stat
        .slice(close + 2)
        .split(' ')
        .map(Number);
      // after "pid (comm) ": state is field 3, utime field 14, stime field 15
      times.set(pid, (((fields[11] ?? 0) + (fields[12] ?? 0)) * 1000) / USER_HZ);
    } catch {
      // the process ended meanwhile
    }
  }
  return times;
}

/** CPU ms used between two readings; processes started in between count from zero, ended ones are lost. */
function usedBetween(before: Map<string, number> | null, after: Map<string, number> | null): number {
  if (!before || !after) return NaN;
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/**
 * Starts measuring; the returned function tells what was used since. `serverPids` names other Node processes
 * whose CPU counts under Node too (the server when it runs in processes of its own).
 */
export function measureResources(serverPids: () => number[] = () => []): () => ResourceUse {
  const isPostgres = (_: string, command: string) => command === 'postgres';
  const servers = new Set(serverPids().map(String));
  const isServer = (pid: string) => servers.has(pid);
  const machine = machineTimes();
  const cpu = process.cpuUsage();
  const pg = processTimes(isPostgres);
  const server = processTimes(isServer);
  const elu = performance.eventLoopUtilization();
  const start = performance.now();
  return () => {
    const seconds = (performance.now() - start) / 1000;
    const m = machineTimes();
    const used = process.cpuUsage(cpu);
    for (const pid of serverPids()) servers.add(String(pid));
    const postgresMs = usedBetween(pg, processTimes(isPostgres));
    const serverMs = servers.size ? usedBetween(server, processTimes(isServer)) : 0;
    const machineMs = m.busy - machine.busy;
    const nodeMs = (used.user + used.system) / 1000 + (Number.isNaN(serverMs) ? 0 : serverMs);
    const totalMs = Math.max(1, m.total - machine.total);
    return {
      seconds,
      machineBusyPct: (100 * machineMs) / totalMs,
      iowaitPct: (100 * (m.iowait - machine.iowait)) / totalMs,
      stealPct: (100 * (m.steal - machine.steal)) / totalMs,
      machineMs,
      nodeMs,
      postgresMs,
      otherMs: Math.max(0, machineMs - nodeMs - (Number.isNaN(postgresMs) ? 0 : postgresMs)),
      mainLoopPct: 100 * performance.eventLoopUtilization(elu).utilization,
    };
  };
}

/** How busy the machine is with other work right now, sampled over `ms` (0–100, all cores). */
export async function backgroundLoad(ms = 1000): Promise<number> {
  const stop = measureResources();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return stop().machineBusyPct;
}
