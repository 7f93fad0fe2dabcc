import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url));
const READY_TIMEOUT_MS = 120_000;

export interface ServerProcess {
  port: number;
  /** The primary and its workers, as they are now (a restarted worker gets a new pid). */
  pids(): number[];
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  databaseUrl: string;
  dataDir: string;
  workers: number;
  /** More environment for the server (e.g. SIGAP_VAULT_KEY); wins over the defaults below. */
  env?: Record<string, string>;
  /** Node flags for the server, after BENCH_SERVER_NODE_ARGS (e.g. a CPU profile of one run). */
  nodeArgs?: string[];
}

/** Pids of the process and its children (cluster workers are direct children of the primary). */
function withChildren(pid: number): number[] {
  const pids = [pid];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server was not healthy within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Extra Node flags for the server, e.g. `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`. */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** The real `sigap start`, in its own processes, as it runs by default in production (no demo data, info logs). */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...serverNodeArgs(),
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      path.join(SERVER_DIR, 'src/cli/main.ts'),
      'start',
    ],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        SIGAP_DATA_DIR: options.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SIGAP_WORKERS: String(options.workers),
        SIGAP_DEMO: 'off',
        // the load comes from one address; the per-address intake limit would refuse it
        SIGAP_INTAKE_PER_MINUTE: '0',
        // the bulk-loaded histories have no hash links or public notes: linking 1M reports would run beside the load
        SIGAP_START_BACKFILL: 'off',
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}/healthz`, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { port, pids: () => withChildren(child.pid ?? -1), stop };
}
