import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One request of a route's mix: a path (with its query) and the headers that sign it in. */
export interface MixRequest {
  path: string;
  headers: Record<string, string>;
}

export interface LoadJob {
  baseUrl: string;
  /** Picked at random for every request. */
  requests: MixRequest[];
  /** Requests per second over all connections (autocannon's overallRate). */
  rate: number;
  connections: number;
  seconds: number;
  /** Load before the measured seconds (autocannon-child.ts). */
  rampSeconds: number;
  /** How the connections keep the rate (autocannon-child.ts): all at once each second, or spread over it. */
  mode: LoadMode;
}

export type LoadMode = 'burst' | 'paced';

export interface LoadOutcome {
  rate: number;
  mode: LoadMode;
  seconds: number;
  /** Answered, of the requests sent in the measured seconds. */
  requests: number;
  /** Answered over the whole run, ramp included (what the CPU figures are divided by). */
  allRequests: number;
  /** Requests answered per second. */
  perSecond: number;
  /** Of 2xx answers, in ms. */
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  /** CPU the load generator used, ms. */
  loadCpuMs: number;
  /** When the measured seconds ran, on the machine's monotonic clock (µs), to cut a CPU profile to them. */
  window: { startUs: number; endUs: number };
}

const CHILD = fileURLToPath(new URL('./autocannon-child.ts', import.meta.url));

/** Runs autocannon at a fixed rate in a process of its own and returns what it measured. */
export function runFixedRate(job: LoadJob): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: LoadOutcome | null = null;
    child.once('message', (message) => (outcome = message as LoadOutcome));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (outcome) resolve(outcome);
      else reject(new Error(`the load generator exited with code ${code} before reporting`));
    });
    child.send(job);
  });
}
